using MudBlazor;

namespace FinOps.Web.Components.Layout;

/// <summary>
/// The FinOps Cockpit look: a sober navy/blue palette with AA contrast on light and dark surfaces,
/// readable from across a room on a wall screen. Fonts come from the machine (no web fonts: the app runs offline).
/// </summary>
public static class FinOpsTheme
{
    private static readonly string[] FontStack =
        ["Roboto", "\"Segoe UI\"", "system-ui", "-apple-system", "Helvetica", "Arial", "\"Liberation Sans\"", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1D5FA8",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#0E7C7B",
            SecondaryContrastText = "#FFFFFF",
            Tertiary = "#5B4BB7",
            Info = "#0B6FB0",
            Success = "#2E7D32",
            Warning = "#A35F00",
            Error = "#C62828",
            Dark = "#1F2937",
            Background = "#F4F6F9",
            BackgroundGray = "#E9EDF2",
            Surface = "#FFFFFF",
            AppbarBackground = "#0F2A4A",
            AppbarText = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#1F2937",
            DrawerIcon = "#4B5563",
            TextPrimary = "#1F2937",
            TextSecondary = "#4B5563",
            TextDisabled = "#9CA3AF",
            ActionDefault = "#4B5563",
            LinesDefault = "#E1E6ED",
            LinesInputs = "#C5CDD8",
            TableLines = "#E1E6ED",
            Divider = "#E1E6ED",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7DB3FF",
            PrimaryContrastText = "#0B1726",
            Secondary = "#4FD1C5",
            SecondaryContrastText = "#0B1726",
            Tertiary = "#A99BFF",
            Info = "#64B5F6",
            Success = "#81C784",
            Warning = "#FFB74D",
            Error = "#EF7A7A",
            Dark = "#0B1220",
            Background = "#0E141C",
            BackgroundGray = "#131B25",
            Surface = "#17212D",
            AppbarBackground = "#101A26",
            AppbarText = "#E6EDF3",
            DrawerBackground = "#131C27",
            DrawerText = "#D7DEE6",
            DrawerIcon = "#A9B4C0",
            TextPrimary = "#E6EDF3",
            TextSecondary = "#A9B4C0",
            TextDisabled = "#6B7785",
            ActionDefault = "#C3CCD6",
            LinesDefault = "#2A3644",
            LinesInputs = "#3A4756",
            TableLines = "#2A3644",
            Divider = "#2A3644",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
        },
    };
}
