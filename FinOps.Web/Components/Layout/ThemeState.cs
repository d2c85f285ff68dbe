using System.Diagnostics.CodeAnalysis;

namespace FinOps.Web.Components.Layout;

/// <summary>The app's current colour scheme, cascaded from <see cref="MainLayout"/> to the pages.</summary>
public sealed record ThemeState
{
    private ThemeState(bool isDarkMode) => IsDarkMode = isDarkMode;

    public static ThemeState Light { get; } = new(false);

    public static ThemeState Dark { get; } = new(true);

    public bool IsDarkMode { get; }

    /// <summary>"light" or "dark", as stored in localStorage.</summary>
    public string Scheme => IsDarkMode ? "dark" : "light";

    public static bool TryParse(string? scheme, [NotNullWhen(true)] out ThemeState? theme)
    {
        theme = scheme switch
        {
            "dark" => Dark,
            "light" => Light,
            _ => null,
        };
        return theme is not null;
    }
}
