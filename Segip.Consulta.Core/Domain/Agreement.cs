namespace Segip.Consulta.Core.Domain;

public class Agreement : IUpdateStamped
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    public required string Number { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public int AccessLevelId { get; set; }
    public AccessLevel? AccessLevel { get; set; }
    public Channels Channels { get; set; }
    public int? MonthlyQuota { get; set; }
    /// <summary>Comma-separated CIDR blocks; empty means any address.</summary>
    public string? IpAllowlist { get; set; }
    public AgreementStatus Status { get; set; } = AgreementStatus.Draft;
    public string? StatusReason { get; set; }
    public int? DocumentId { get; set; }
    public StoredDocument? Document { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>
    /// Reserved by law (e.g. a criminal investigation): its queries are kept from the citizen's own
    /// list of who consulted their data; auditors still see them and <see cref="ReservedBasis"/>.
    /// </summary>
    public bool IsReserved { get; set; }
    /// <summary>The legal basis of the reservation, set by the legal directorate with the mark.</summary>
    public string? ReservedBasis { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }

    public List<AgreementAmendment> Amendments { get; set; } = [];

    /// <summary>True when the agreement lets queries through on the given day.</summary>
    public bool IsInForce(DateOnly today) =>
        Status == AgreementStatus.InForce && ValidFrom <= today && today <= ValidTo;
}

/// <summary>An adenda: a dated change to an agreement, with its own signed document.</summary>
public class AgreementAmendment : ICreationStamped
{
    public int Id { get; set; }
    public int AgreementId { get; set; }
    public required string Number { get; set; }
    public DateOnly SignedOn { get; set; }
    public string? Description { get; set; }
    public int? NewAccessLevelId { get; set; }
    public DateOnly? NewValidTo { get; set; }
    public int? NewMonthlyQuota { get; set; }
    public Channels? NewChannels { get; set; }
    public int? DocumentId { get; set; }
    public StoredDocument? Document { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>An uploaded file (signed agreement, amendment) kept with its SHA-256.</summary>
public class StoredDocument
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required string Sha256 { get; set; }
    public long Length { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UploadedUtc { get; set; }
    public string? UploadedBy { get; set; }
}
