namespace Segip.Consulta.Core.Common;

/// <summary>Trims text and turns blanks into null, as every staff form wants.</summary>
public static class InputText
{
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
