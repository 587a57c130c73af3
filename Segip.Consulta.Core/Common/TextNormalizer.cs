using System.Globalization;
using System.Text;

namespace Segip.Consulta.Core.Common;

public static class TextNormalizer
{
    /// <summary>Upper case, accents removed (Ñ kept), single spaces: the form names are compared in.</summary>
    public static string ForComparison(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var upper = value.Trim().ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(upper.Length);
        var lastSpace = false;
        for (var i = 0; i < upper.Length; i++)
        {
            var c = upper[i];
            var cat = CharUnicodeInfo.GetUnicodeCategory(c);
            if (cat == UnicodeCategory.NonSpacingMark)
            {
                // Keep the tilde of Ñ: N + U+0303.
                if (c == '\u0303' && sb.Length > 0 && sb[^1] == 'N') sb[^1] = 'Ñ';
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (!lastSpace && sb.Length > 0) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            sb.Append(c);
            lastSpace = false;
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Whether a claimed name equals the registry's, ignoring case, accents and spacing.</summary>
    public static bool SameName(string claimed, string? actual) => ForComparison(claimed) == ForComparison(actual);

    /// <summary>The key persons are found by in name search: "PRIMERAPELLIDO NOMBRES".</summary>
    public static string SearchName(string? firstSurname, string firstNames) =>
        ForComparison($"{firstSurname} {firstNames}");
}
