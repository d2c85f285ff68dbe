using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Identity;

namespace FinOps.Web.Security;

/// <summary>
/// First run: creates the roles, and the first administrator from <c>FinOps:Admin:Email</c> / <c>FinOps:Admin:Password</c>
/// when they are configured. Without them, the one-time set-up page (/account/setup) creates the first administrator.
/// There is no built-in default password.
/// </summary>
public sealed class AdminBootstrapper(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AdminBootstrapper> logger)
{
    private readonly SemaphoreSlim _setup = new(1, 1);

    public async Task EnsureRolesAndConfiguredAdminAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.PersonRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var email = configuration["FinOps:Admin:Email"];
        var password = configuration["FinOps:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<FinOpsUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateAsync(email, "Administrator", Roles.Admin, password, "configuration", ct);
        if (result.Succeeded)
        {
            logger.LogInformation("Created the administrator {Email} from configuration", email);
        }
        else
        {
            logger.LogError("Could not create the administrator {Email} from configuration: {Error}", email, result.Error);
        }
    }

    /// <summary>True while no administrator exists: the set-up page is open.</summary>
    public async Task<bool> SetupIsOpenAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<UserAdministration>().AnyAdministratorAsync(ct);
    }

    /// <summary>Creates the first administrator, once: a second attempt (or a race) finds one and is refused.</summary>
    public async Task<AdminResult> CreateFirstAdministratorAsync(string email, string password, CancellationToken ct)
    {
        await _setup.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            if (await admin.AnyAdministratorAsync(ct))
            {
                return AdminResult.Fail("An administrator already exists: sign in instead.");
            }

            return await admin.CreateAsync(email, "Administrator", Roles.Admin, password, "first-run set-up", ct);
        }
        finally
        {
            _setup.Release();
        }
    }
}
