using FluentValidation;

namespace Segip.Consulta.Core.Common;

/// <summary>
/// Free text a user types (purpose, consent reference, names, reasons) must be plain text: no control
/// characters (C0 and C1; tab and line breaks only where a field allows several lines) and no Unicode
/// bidirectional controls, which can make a record read differently on screen than what it holds
/// (a "Trojan Source" style spoof in the audit log or a certificate).
/// </summary>
public static class FreeText
{
    public const string Message = "El texto contiene caracteres de control o de dirección de escritura no permitidos.";

    /// <summary>True for a control character or a bidirectional control, whatever the field.</summary>
    public static bool IsForbidden(char c) =>
        char.IsControl(c) // U+0000–U+001F, U+007F–U+009F
        || c is '\u061C' or '\u200E' or '\u200F' // Arabic letter mark, LRM, RLM
        || c is >= '\u202A' and <= '\u202E' // LRE, RLE, PDF, LRO, RLO
        || c is >= '\u2066' and <= '\u2069'; // LRI, RLI, FSI, PDI

    /// <summary>Whether the text is acceptable; <paramref name="multiline"/> lets tab, CR and LF through.</summary>
    public static bool IsClean(string? text, bool multiline = false) =>
        text is null || !text.Any(c => IsForbidden(c) && !(multiline && c is '\t' or '\r' or '\n'));

    /// <summary>The FluentValidation rule: a field error in Spanish when the text is not clean.</summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, bool multiline = false) =>
        rule.Must(text => IsClean(text, multiline)).WithMessage(Message);
}
