namespace Segip.Consulta.Core.Domain;

/// <summary>
/// A signed "Reporte de consultas a mis datos" a citizen downloaded: what /verificar confirms about it. The PDF
/// itself is not stored; the record keeps only what the public check may show (a masked name, the count and
/// the digest of the listed queries), so a leaked verification code reveals none of the queries.
/// </summary>
public class CitizenReport
{
    public long Id { get; set; }
    /// <summary>REP-{Bolivian year}-{six digits}.</summary>
    public required string Number { get; set; }
    /// <summary>Canonical (same alphabet and length as certificates' codes).</summary>
    public required string VerificationCode { get; set; }
    /// <summary>The registry person the report is about (and who downloaded it); never shown publicly.</summary>
    public long PersonId { get; set; }
    public DateTime IssuedUtc { get; set; }
    /// <summary>The holder's name with only initials visible, e.g. "J*** P*** L***".</summary>
    public required string MaskedName { get; set; }
    /// <summary>The page's filters in Spanish, e.g. "Año 2026 · Banco Unión S.A.".</summary>
    public required string Filters { get; set; }
    public int QueryCount { get; set; }
    /// <summary>SHA-256 (hex) of the listed queries' canonical text, printed on the PDF and shown by /verificar.</summary>
    public required string ContentSha256 { get; set; }
    public string? PdfSha256 { get; set; }
}
