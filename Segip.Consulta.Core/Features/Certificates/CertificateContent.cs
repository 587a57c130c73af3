using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>Everything a certificate PDF states, gathered by <see cref="CertificateService"/> and drawn by <see cref="CertificatePdfWriter"/>.</summary>
public sealed record CertificateContent
{
    public required string Number { get; init; }
    /// <summary>Canonical form; the PDF prints it grouped.</summary>
    public required string VerificationCode { get; init; }
    public required string VerificationUrl { get; init; }
    public required DateTime IssuedUtc { get; init; }
    public required string IssuedBy { get; init; }
    public required Guid QueryId { get; init; }
    public required long AuditSequence { get; init; }
    public required DateTime QueriedUtc { get; init; }
    public required string InstitutionName { get; init; }
    public string? AgreementNumber { get; init; }
    public string? AccessLevelName { get; init; }
    public string? EndUserCode { get; init; }
    public string? EndUserName { get; init; }
    public required Channel Channel { get; init; }
    public required QueryType QueryType { get; init; }
    public required string SearchKeys { get; init; }
    public string? Purpose { get; init; }
    public string? ConsentReference { get; init; }
    public required QueryResult Result { get; init; }
    /// <summary>The field codes the query disclosed, as its audit record lists them.</summary>
    public IReadOnlyList<string> DisclosedFields { get; init; } = [];
    public IReadOnlyList<DisclosedPerson> Persons { get; init; } = [];
    /// <summary>The registry ids of <see cref="Persons"/> (for the audit record's subjects; not printed).</summary>
    public IReadOnlyList<long> PersonIds { get; init; } = [];
    /// <summary>Why no personal data is shown although fields were disclosed (e.g. name queries).</summary>
    public string? DataNote { get; init; }
}
