using Microsoft.AspNetCore.Identity;

namespace FinOps.Domain.Administration;

/// <summary>The password policy, in one place: the sign-in setup applies it, the pages explain it.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    public const string Description = "At least 12 characters, with upper- and lower-case letters and a digit.";

    public static void Apply(PasswordOptions options)
    {
        options.RequiredLength = MinimumLength;
        options.RequireDigit = true;
        options.RequireLowercase = true;
        options.RequireUppercase = true;
        options.RequireNonAlphanumeric = false;
    }
}
