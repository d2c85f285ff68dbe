using FinOps.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Domain.Administration;

/// <summary>A user as the Settings page lists them.</summary>
public sealed record UserSummary(string Id, string Email, string? DisplayName, string Role, bool IsDisabled, bool IsLockedOut, DateTimeOffset CreatedAt);

/// <summary>The outcome of an administrative change: success, or why not.</summary>
public sealed record AdminResult(bool Succeeded, string? Error = null)
{
    public static readonly AdminResult Ok = new(true);

    public static AdminResult Fail(string error) => new(false, error);
}

/// <summary>
/// Users and their roles. Every change is audited; the last enabled administrator can be neither demoted nor
/// disabled, so the app can always be administered. Each operation uses Identity's UserManager in a scope of its own
/// (a long-lived circuit must not keep one DbContext across user actions).
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IDbContextFactory<FinOpsDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    private async Task<T> WithUsersAsync<T>(Func<UserManager<FinOpsUser>, Task<T>> operation)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<UserManager<FinOpsUser>>());
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var now = time.GetUtcNow();
        return all.Select(u => new UserSummary(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName,
                roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? Roles.Viewer, u.IsDisabled, u.LockoutEnd > now, u.CreatedAt))
            .ToList();
    }

    public Task<bool> AnyAdministratorAsync(CancellationToken ct) =>
        WithUsersAsync(async users => (await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => !u.IsDisabled));

    /// <summary>Creates a user with a role and an initial password (which must meet the password policy).</summary>
    public Task<AdminResult> CreateAsync(string email, string? displayName, string role, string password, string actor, CancellationToken ct) =>
        WithUsersAsync(async users =>
        {
            if (!Roles.IsPersonRole(role))
            {
                return AdminResult.Fail($"'{role}' is not a role (Admin, Analyst or Viewer).");
            }

            if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
            {
                return AdminResult.Fail("Enter an e-mail address.");
            }

            var user = new FinOpsUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName?.Trim(), EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return AdminResult.Fail(Describe(created));
            }

            await users.AddToRoleAsync(user, role);
            await audit.WriteAsync(actor, "user.created", "User", user.Id, null, new { user.Email, user.DisplayName, Role = role }, $"User {user.Email} created as {role}", ct);
            return AdminResult.Ok;
        });

    public Task<AdminResult> ChangeRoleAsync(string userId, string role, string actor, CancellationToken ct) =>
        WithUsersAsync(async users =>
        {
            if (!Roles.IsPersonRole(role))
            {
                return AdminResult.Fail($"'{role}' is not a role (Admin, Analyst or Viewer).");
            }

            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return AdminResult.Fail("No such user.");
            }

            var current = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Viewer;
            if (current == role)
            {
                return AdminResult.Ok;
            }

            if (current == Roles.Admin && await IsLastAdministratorAsync(users, user))
            {
                return AdminResult.Fail("This is the last administrator: make someone else an administrator first.");
            }

            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            await users.AddToRoleAsync(user, role);
            await users.UpdateSecurityStampAsync(user); // open sessions pick up the new role
            await audit.WriteAsync(actor, "user.role-changed", "User", user.Id, new { Role = current }, new { Role = role }, $"{user.Email}: {current} → {role}", ct);
            return AdminResult.Ok;
        });

    public Task<AdminResult> SetDisabledAsync(string userId, bool disabled, string actor, CancellationToken ct) =>
        WithUsersAsync(async users =>
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return AdminResult.Fail("No such user.");
            }

            if (user.IsDisabled == disabled)
            {
                return AdminResult.Ok;
            }

            if (disabled && await users.IsInRoleAsync(user, Roles.Admin) && await IsLastAdministratorAsync(users, user))
            {
                return AdminResult.Fail("This is the last administrator: it cannot be disabled.");
            }

            user.IsDisabled = disabled;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user); // signs the user out everywhere
            await audit.WriteAsync(actor, disabled ? "user.disabled" : "user.enabled", "User", user.Id,
                new { IsDisabled = !disabled }, new { IsDisabled = disabled }, $"{user.Email} {(disabled ? "disabled" : "enabled")}", ct);
            return AdminResult.Ok;
        });

    public Task<AdminResult> ResetPasswordAsync(string userId, string newPassword, string actor, CancellationToken ct) =>
        WithUsersAsync(async users =>
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return AdminResult.Fail("No such user.");
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, newPassword);
            if (!reset.Succeeded)
            {
                return AdminResult.Fail(Describe(reset));
            }

            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.WriteAsync(actor, "user.password-reset", "User", user.Id, null, null, $"Password of {user.Email} reset", ct);
            return AdminResult.Ok;
        });

    private static async Task<bool> IsLastAdministratorAsync(UserManager<FinOpsUser> users, FinOpsUser user) =>
        !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => !u.IsDisabled && u.Id != user.Id);

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
