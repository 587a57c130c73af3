using System.Security.Cryptography;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Agreements;

/// <summary>Checks an uploaded signed agreement or amendment and turns it into a <see cref="StoredDocument"/>.</summary>
public static class SignedDocument
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const string ContentType = "application/pdf";
    public const string TooLarge = "El documento no puede pasar de 10 MB.";
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    /// <summary>The Spanish reason the file is refused, or null when it is an acceptable PDF.</summary>
    public static string? Problem(byte[]? content)
    {
        if (content is null || content.Length == 0) return "Adjunte el documento firmado en PDF.";
        if (content.Length > MaxBytes) return TooLarge;
        if (!content.AsSpan().StartsWith(PdfMagic)) return "El archivo no es un PDF.";
        return null;
    }

    public static StoredDocument Create(string? fileName, byte[] content, string uploadedBy, DateTime nowUtc)
    {
        var name = Path.GetFileName(fileName ?? "");
        if (string.IsNullOrWhiteSpace(name)) name = "documento.pdf";
        if (name.Length > 200) name = name[^200..];
        return new StoredDocument
        {
            FileName = name,
            ContentType = ContentType,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Length = content.Length,
            Content = content,
            UploadedUtc = nowUtc,
            UploadedBy = uploadedBy,
        };
    }
}

/// <summary>A file offered for download.</summary>
public sealed record DocumentFile(string FileName, string ContentType, byte[] Content);

/// <summary>What lists and pages show about a stored document (never its bytes).</summary>
public sealed record DocumentInfo(int Id, string FileName, string Sha256, long Length, DateTime UploadedUtc, string? UploadedBy);
