namespace Segip.Consulta.Core.Domain;

/// <summary>
/// One entry of the bitácora. Written once by <c>AuditLog</c>, never updated or deleted; its
/// <see cref="Hash"/> chains it to the previous record.
/// </summary>
public class AuditRecord
{
    public long Sequence { get; set; }
    public Guid QueryId { get; set; }
    public DateTime TimestampUtc { get; set; }
    public int? InstitutionId { get; set; }
    public int? AgreementId { get; set; }
    public int? AccessLevelId { get; set; }
    public string? EndUserCode { get; set; }
    public Channel Channel { get; set; }
    public string? ClientIp { get; set; }
    public QueryType QueryType { get; set; }
    /// <summary>Display text of the search keys, e.g. "CI 1234567-1A" (never parsed back: see the document columns).</summary>
    public required string SearchKeys { get; set; }
    /// <summary>Document number queried, indexed for the audit search by document (persons answered: <see cref="Subjects"/>).</summary>
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
    /// <summary>The queried document's type (document queries, verifications, their certificates); null for name queries.</summary>
    public DocumentType? DocumentType { get; set; }
    /// <summary>The queried document's complement ("" when it has none); null when no document was queried.</summary>
    public string? DocumentComplement { get; set; }
    /// <summary>
    /// SHA-256 of the canonical form of the data delivered (<c>AnswerDigest</c>); null when no personal data left
    /// (refusals, not found). Lets an auditor check that a copy of an answer is the one this record covers.
    /// </summary>
    public byte[]? AnswerSha256 { get; set; }
    /// <summary>
    /// Which canonical encoding <see cref="Hash"/> was computed with (<c>AuditChain</c>): 1 for records written
    /// before the document columns and the subjects existed, 2 since. Stored per record so old chains still verify.
    /// </summary>
    public int HashVersion { get; set; } = AuditChainVersion.Current;
    /// <summary>The persons disclosed or verified, read from <c>AuditSubjects</c> (not a mapped navigation).</summary>
    public IReadOnlyList<AuditSubject> Subjects { get; set; } = [];
}

/// <summary>The hash encodings of the chain; see <c>AuditChain</c>.</summary>
public static class AuditChainVersion
{
    /// <summary>Every stored column of the first release, no subjects.</summary>
    public const int Original = 1;
    /// <summary>Adds the document type and complement, the answer digest, the version itself and the subjects.</summary>
    public const int WithSubjects = 2;
    public const int Current = WithSubjects;
}

/// <summary>How a person was touched by a query.</summary>
public enum AuditSubjectKind
{
    /// <summary>The person's data was disclosed (document or name query, certificate).</summary>
    Disclosed = 1,
    /// <summary>The person's data was checked against claimed values (contrastación); only match flags left.</summary>
    Verified = 2,
}

/// <summary>
/// A person an audit record disclosed or verified: written with the record, in the same transaction, and part
/// of its hash, so "which queries touched this person" is an index look-up by <see cref="PersonId"/>.
/// </summary>
public sealed class AuditSubject
{
    public long AuditSequence { get; set; }
    /// <summary>The registry's person id (no foreign key: the audit outlives registry corrections).</summary>
    public long PersonId { get; set; }
    public AuditSubjectKind Kind { get; set; }
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
