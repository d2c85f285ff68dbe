using FinOps.Domain;
using FinOps.Domain.Administration;
using FinOps.Domain.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Tests.Support;

/// <summary>
/// The domain services plus ASP.NET Core Identity (users, roles) on a real SQLite store in a temporary directory, for
/// tests that need people: component tests of the Settings tabs register these into bUnit's service collection.
/// The password policy is the app's (FinOps.Web/Security/SecuritySetup.cs).
/// </summary>
public static class IdentityTestStore
{
    public static readonly DateTimeOffset Start = new(2024, 10, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A password that meets the policy.</summary>
    public const string GoodPassword = "Correct-Horse-42";

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "finops-tests", Guid.NewGuid().ToString("N"));

    public static IServiceCollection AddFinOpsIdentityTestStore(this IServiceCollection services, string directory, FakeTimeProvider time)
    {
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddFinOpsDomain(new FinOpsOptions { DataDirectory = directory });
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddIdentityCore<FinOpsUser>(o =>
            {
                PasswordPolicy.Apply(o.Password);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FinOpsDbContext>()
            .AddDefaultTokenProviders();
        return services;
    }

    /// <summary>Creates the database and the three person roles.</summary>
    public static async Task InitializeAsync(IServiceProvider services)
    {
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.PersonRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Creates a person through the domain service (so it is audited like in the app); returns their user id.</summary>
    public static async Task<string> CreateUserAsync(IServiceProvider services, string email, string role)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(email, email.Split('@')[0], role, GoodPassword, "test", CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }

        var user = await scope.ServiceProvider.GetRequiredService<UserManager<FinOpsUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    /// <summary>Deletes the temporary directory (best effort) once the services are disposed.</summary>
    public static void DeleteDirectory(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
