using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// What a caller asks the audit log to record; sequence, time and hash are added by <see cref="AuditLog"/>.
/// Built only by <see cref="AuditEntries"/>, which applies the columns' limits.
/// </summary>
public sealed record AuditEntry
{
    // Time-ordered (UUIDv7, still 74 random bits): the QueryId index grows at its right edge
    // instead of dirtying a random page per record.
    public Guid QueryId { get; init; } = Guid.CreateVersion7();
    public int? InstitutionId { get; init; }
    public int? AgreementId { get; init; }
    public int? AccessLevelId { get; init; }
    public string? EndUserCode { get; init; }
    public Channel Channel { get; init; }
    public string? ClientIp { get; init; }
    public QueryType QueryType { get; init; }
    public required string SearchKeys { get; init; }
    public string? DocumentNumber { get; init; }
    public DocumentType? DocumentType { get; init; }
    public string? DocumentComplement { get; init; }
    public string? Purpose { get; init; }
    public string? ConsentReference { get; init; }
    public QueryResult Result { get; init; }
    public RefusalReason? RefusalReason { get; init; }
    public string DisclosedFields { get; init; } = "";
    public string? CertificateNumber { get; init; }
    public string? CorrelationId { get; init; }
    /// <summary>See <see cref="AuditRecord.AnswerSha256"/>.</summary>
    public byte[]? AnswerSha256 { get; init; }
    /// <summary>The persons disclosed or verified (stored in <c>AuditSubjects</c>).</summary>
    public IReadOnlyList<AuditSubjectRef> Subjects { get; init; } = [];
}

/// <summary>A person an entry touches, before the record (and its sequence) exists.</summary>
public readonly record struct AuditSubjectRef(long PersonId, AuditSubjectKind Kind);
