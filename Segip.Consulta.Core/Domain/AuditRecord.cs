namespace Segip.Consulta.Core.Domain;

/// <summary>
/// One entry of the bitácora. Written once by <c>AuditLog</c>, never updated or deleted; its
/// <see cref="Hash"/> chains it to the previous record.
/// </summary>
public class AuditRecord
{
    public long Sequence { get; set; }
    public Guid ConsultaId { get; set; }
    public DateTime TimestampUtc { get; set; }
    public int? InstitutionId { get; set; }
    public int? AgreementId { get; set; }
    public int? AccessLevelId { get; set; }
    public string? EndUserCode { get; set; }
    public Channel Channel { get; set; }
    public string? ClientIp { get; set; }
    public QueryType QueryType { get; set; }
    /// <summary>Canonical text of the search keys, e.g. "CI 1234567-1A".</summary>
    public required string SearchKeys { get; set; }
    /// <summary>Document number queried, indexed to answer "who has queried this person?".</summary>
    public string? DocumentNumber { get; set; }
    public string? Purpose { get; set; }
    public string? ConsentReference { get; set; }
    public QueryResult Result { get; set; }
    public RefusalReason? RefusalReason { get; set; }
    /// <summary>Comma-separated field codes disclosed by this answer.</summary>
    public string DisclosedFields { get; set; } = "";
    public string? CertificateNumber { get; set; }
    public string? CorrelationId { get; set; }
    public required byte[] Hash { get; set; }
}

/// <summary>The chain head signed with SEGIP's key, so a rewrite of the whole table is detectable.</summary>
public class AuditCheckpoint
{
    public int Id { get; set; }
    public long Sequence { get; set; }
    public required byte[] Hash { get; set; }
    public DateTime SignedUtc { get; set; }
    public required byte[] Signature { get; set; }
    public required string CertificateThumbprint { get; set; }
}
