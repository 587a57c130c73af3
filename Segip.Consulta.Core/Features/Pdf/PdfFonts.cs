using PdfSharp.Fonts;

namespace Segip.Consulta.Core.Features.Pdf;

/// <summary>
/// The one font resolver of every PDF the app writes (audit reports, query certificates). PDFsharp finds
/// no system fonts on Linux and refuses a second resolver, so <see cref="EnsureRegistered"/> installs this
/// one exactly once. Fonts are DejaVu Sans (regular and bold) embedded in this assembly; any other family
/// name (e.g. "Verdana" asked for by signature appearances) maps to DejaVu Sans.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>The family name layouts should ask for.</summary>
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Sets PDFsharp's global font resolver once; safe to call from any thread, any number of times.</summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref registered)) return;
        lock (Gate)
        {
            if (registered) return;
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new PdfFonts();
            Volatile.Write(ref registered, true);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // DejaVu has no italic face here: PDFsharp simulates it from the upright one.
        new(bold ? Bold : Regular, false, italic);

    public byte[]? GetFont(string faceName)
    {
        var name = faceName == Bold ? Bold : Regular;
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Segip.Consulta.Core.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"Falta la tipografía incrustada {name}.ttf en Segip.Consulta.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
