using PdfSharp.Fonts;

namespace Segip.Consulta.Core.Features.Pdf;

/// <summary>
/// PDFsharp finds no system fonts on Linux, so every PDF of the application draws with DejaVu Sans,
/// shipped inside this assembly (wwwroot-assets/fonts) and embedded in each PDF. Any family PDFsharp
/// is asked for (e.g. "Verdana" by the signature appearance) resolves to DejaVu, so generation works
/// on a machine with no fonts at all.
/// </summary>
public static class PdfFonts
{
    /// <summary>The family name layouts should ask for.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool Registered;

    /// <summary>Installs the resolver once per process; safe to call from any thread, any number of times.</summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref Registered)) return;
        lock (Gate)
        {
            if (Registered) return;
            // PDFsharp throws if the resolver is replaced after use; another caller may already have set ours.
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            Volatile.Write(ref Registered, true);
        }
    }

    private sealed class DejaVuFontResolver : IFontResolver
    {
        private const string Regular = "DejaVuSans";
        private const string Bold = "DejaVuSans-Bold";

        private static readonly Lazy<byte[]> RegularBytes = new(() => Load(Regular));
        private static readonly Lazy<byte[]> BoldBytes = new(() => Load(Bold));

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            // No italic face ships: PDFsharp slants the upright one.
            new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

        public byte[]? GetFont(string faceName) => faceName switch
        {
            Bold => BoldBytes.Value,
            _ => RegularBytes.Value,
        };

        private static byte[] Load(string face)
        {
            var name = $"Segip.Consulta.Core.Fonts.{face}.ttf";
            using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Falta la tipografía incrustada {name}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
