using MudBlazor;

namespace Segip.Consulta.Web.Components.Layout;

public static class SegipTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b4f8a",
            Secondary = "#c8102e",
            Tertiary = "#007a3d",
            AppbarBackground = "#0b4f8a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["DejaVu Sans", "sans-serif"] },
        },
    };
}
