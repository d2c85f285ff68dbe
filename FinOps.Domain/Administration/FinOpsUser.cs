using Microsoft.AspNetCore.Identity;

namespace FinOps.Domain.Administration;

/// <summary>A person who signs in. The role (Admin, Analyst, Viewer) is an Identity role.</summary>
public sealed class FinOpsUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>A disabled user cannot sign in and their API tokens stop working.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The roles and what they may do. Authorization is checked on the server for every page, endpoint and action.</summary>
public static class Roles
{
    /// <summary>Everything: users, settings, tokens, kiosk links, the Hangfire dashboard.</summary>
    public const string Admin = "Admin";

    /// <summary>Edits budgets, reports and recommendations, acknowledges anomalies, imports data.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Reads everything a person can see; changes nothing.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Not a person's role: a wall-screen kiosk link, which may open /wall and nothing else.</summary>
    public const string Kiosk = "Kiosk";

    public static readonly IReadOnlyList<string> PersonRoles = [Admin, Analyst, Viewer];

    public static bool IsPersonRole(string? role) => role is Admin or Analyst or Viewer;
}
