namespace Segip.Consulta.Core.Features.Citizens;

/// <summary>A report just issued: the signed PDF and its number (the file name uses it).</summary>
public sealed record IssuedCitizenReport(string Number, string VerificationCode, byte[] Pdf);

/// <summary>What anyone holding the code learns at /verificar: never the queries, never the full name.</summary>
public sealed record CitizenReportVerification(string Number, DateTime IssuedUtc, string MaskedName, string Filters, int QueryCount, string ContentSha256);

/// <summary>Everything the report PDF states, gathered by <see cref="CitizenReportService"/>.</summary>
public sealed record CitizenReportContent(string Number, string VerificationCode, string VerificationUrl, DateTime IssuedUtc,
    string HolderName, string Filters, IReadOnlyList<CitizenQueryRow> Rows, bool Truncated, string ContentSha256);
