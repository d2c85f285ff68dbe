namespace FinOps.Tests.Support;

/// <summary>Finds files of the read-only <c>shared/data</c> folder that sits beside the repository (../shared/data).</summary>
public static class SharedData
{
    /// <summary>The full path of shared/data/<paramref name="fileName"/>, or null when it is not there.</summary>
    public static string? Find(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
