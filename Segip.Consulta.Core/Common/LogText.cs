using System.Text;

namespace Segip.Consulta.Core.Common;

/// <summary>
/// Values that came from a request (headers, e-mail addresses, client ids) before they go into a log
/// line: control characters (CR/LF/NUL and the rest of C0/C1) and bidirectional overrides become '?',
/// so a caller cannot forge extra log entries or disguise one, and the value is cut to a sane length.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var text = value.Length > MaxLength ? value[..MaxLength] + "…" : value;
        if (!text.Any(FreeText.IsForbidden)) return text;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text) clean.Append(FreeText.IsForbidden(c) ? '?' : c);
        return clean.ToString();
    }
}
