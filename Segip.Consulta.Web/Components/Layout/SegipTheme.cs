using MudBlazor;

namespace Segip.Consulta.Web.Components.Layout;

/// <summary>
/// The app's palette. Every status colour is dark enough that white text on it, and the colour itself on white
/// or on its own light tint (text alerts, chips), reach WCAG 2.1 AA (≥ 4.5:1); MudBlazor's defaults do not.
/// AccessibilityTests checks the result with axe-core on every page.
/// </summary>
public static class SegipTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b4f8a",            // 8.4:1 with white
            PrimaryContrastText = "#ffffff",
            Secondary = "#b00d27",          // 7.2:1
            SecondaryContrastText = "#ffffff",
            Tertiary = "#006b35",           // 6.7:1
            TertiaryContrastText = "#ffffff",
            Info = "#01579b",               // 7.4:1
            InfoContrastText = "#ffffff",
            Success = "#1b5e20",            // 7.9:1
            SuccessContrastText = "#ffffff",
            Warning = "#8a4b00",            // 6.8:1
            WarningContrastText = "#ffffff",
            Error = "#b71c1c",              // 6.6:1
            ErrorContrastText = "#ffffff",
            Dark = "#263238",               // 13:1
            DarkContrastText = "#ffffff",
            TextSecondary = "#546e7a",      // 5.4:1 on white
            AppbarBackground = "#0b4f8a",
            AppbarText = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["DejaVu Sans", "sans-serif"] },
            // Sentence case: upper-case buttons are harder to read and turn labels into look-alike codes.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
