using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>An audit record as searches, details and exports show it, with institution and agreement names.</summary>
public sealed record AuditRow
{
    public long Sequence { get; init; }
    public Guid QueryId { get; init; }
    public DateTime TimestampUtc { get; init; }
    public int? InstitutionId { get; init; }
    public string? InstitutionName { get; init; }
    public int? AgreementId { get; init; }
    public string? AgreementNumber { get; init; }
    public int? AccessLevelId { get; init; }
    public string? EndUserCode { get; init; }
    public Channel Channel { get; init; }
    public string? ClientIp { get; init; }
    public QueryType QueryType { get; init; }
    public string SearchKeys { get; init; } = "";
    public string? DocumentNumber { get; init; }
    public string? Purpose { get; init; }
    public string? ConsentReference { get; init; }
    public QueryResult Result { get; init; }
    public RefusalReason? RefusalReason { get; init; }
    public string DisclosedFields { get; init; } = "";
    public string? CertificateNumber { get; init; }
    public string? CorrelationId { get; init; }
    public string HashHex { get; init; } = "";
    public DocumentType? DocumentType { get; init; }
    public string? DocumentComplement { get; init; }
    public string? AnswerSha256Hex { get; init; }
    public int HashVersion { get; init; }

    /// <summary>The result as users read it: the result, and the refusal reason when refused.</summary>
    public string ResultText => RefusalReason is { } reason ? $"{Result.ToCode()} ({reason.ToCode()})" : Result.ToCode();
}

/// <summary>
/// One page of a search and the number of records the filter matches; when <see cref="IsTotalCapped"/>, more
/// than <see cref="Total"/> (<see cref="AuditSearchService.CountLimit"/>) match and the exact figure was not counted.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total)
{
    public bool IsTotalCapped { get; init; }
}

/// <summary>Names for the institution and agreement ids a page of records refers to.</summary>
internal sealed record AuditNames(IReadOnlyDictionary<int, string> Institutions, IReadOnlyDictionary<int, string> Agreements)
{
    public AuditRow ToRow(AuditRecord r) => new()
    {
        Sequence = r.Sequence, QueryId = r.QueryId, TimestampUtc = r.TimestampUtc,
        InstitutionId = r.InstitutionId, InstitutionName = r.InstitutionId is { } i ? Institutions.GetValueOrDefault(i) : null,
        AgreementId = r.AgreementId, AgreementNumber = r.AgreementId is { } a ? Agreements.GetValueOrDefault(a) : null,
        AccessLevelId = r.AccessLevelId, EndUserCode = r.EndUserCode, Channel = r.Channel, ClientIp = r.ClientIp,
        QueryType = r.QueryType, SearchKeys = r.SearchKeys, DocumentNumber = r.DocumentNumber, Purpose = r.Purpose,
        ConsentReference = r.ConsentReference, Result = r.Result, RefusalReason = r.RefusalReason,
        DisclosedFields = r.DisclosedFields, CertificateNumber = r.CertificateNumber, CorrelationId = r.CorrelationId,
        HashHex = Convert.ToHexString(r.Hash), DocumentType = r.DocumentType, DocumentComplement = r.DocumentComplement,
        AnswerSha256Hex = r.AnswerSha256 is { } answer ? Convert.ToHexStringLower(answer) : null, HashVersion = r.HashVersion,
    };
}
