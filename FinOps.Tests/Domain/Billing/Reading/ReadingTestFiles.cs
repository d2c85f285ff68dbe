using System.IO.Compression;
using System.Text;

namespace FinOps.Tests.Domain.Billing.Reading;

/// <summary>A temporary directory for the files a test writes; deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "finops-readers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes text as UTF-8, with a BOM when asked.</summary>
    public string WriteText(string name, string text, bool bom = false)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteGzip(string name, string text)
    {
        var path = File(name);
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        gzip.Write(bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a reader left open by a failing test
        }
    }
}

/// <summary>Finds the shared sample data by walking up from the test assembly directory.</summary>
public static class SampleData
{
    public const string SampleRelativePath = "shared/data/focus-1.0-sample.csv";

    /// <summary>The path of <c>shared/data/focus-1.0-sample.csv</c> next to an ancestor of the test assembly, or null.</summary>
    public static string? FindFocusSample() => FinOps.Tests.Support.SharedData.Find("focus-1.0-sample.csv");
}
