using FinOps.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace FinOps.Web.Security;

/// <summary>
/// The one ASP.NET Core Data Protection configuration of the app. It protects the sign-in cookies (and antiforgery
/// tokens) and the webhook URLs stored in the database (<see cref="FinOps.Domain.Notifications.WebhookTargetProtector"/>),
/// so its keys must outlive the process: they are kept in the data directory's <see cref="KeysFolderName"/> folder, beside
/// the database they unlock. Losing that folder signs everyone out and makes the stored webhook URLs unreadable (each such
/// channel then asks for its URL again).
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>
    /// Fixed, so that the keys keep working when the app moves to another folder (by default the application name is the
    /// content root path, and a key ring is only valid for the name it was created under).
    /// </summary>
    public const string ApplicationName = "FinOps Cockpit";

    /// <summary>The key ring's folder inside <c>FinOps:DataDirectory</c>.</summary>
    public const string KeysFolderName = "keys";

    public static void AddFinOpsDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // PersistKeysToFileSystem, with the folder read from the data directory when the container first needs it (the
        // data directory comes from configuration, which hosts and tests may change until then).
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new FileSystemXmlRepository(KeysDirectory(sp.GetRequiredService<FinOpsPaths>()), sp.GetRequiredService<ILoggerFactory>())));
    }

    /// <summary>The keys folder, created readable by the app's user only (on Linux and macOS) when it does not exist yet.</summary>
    public static DirectoryInfo KeysDirectory(FinOpsPaths paths)
    {
        var directory = Path.Combine(paths.DataDirectory, KeysFolderName);
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return new DirectoryInfo(directory);
    }
}
