using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.EndUsers;

namespace Segip.Consulta.Core.Features.Institutions;

public sealed record InstitutionSearch : PageRequest
{
    public string? Text { get; init; }
    public InstitutionType? Type { get; init; }
    /// <summary>Only institutions with an agreement in this status.</summary>
    public AgreementStatus? AgreementStatus { get; init; }
}

public sealed record InstitutionRow(int Id, string Name, string Acronym, InstitutionType Type, string? Nit,
    string? AgreementNumber, AgreementStatus? AgreementStatus, int EndUsers);

public sealed record InstitutionOption(int Id, string Name, string Acronym);

public sealed record CredentialRow(string ClientId, string? Description, DateTime? IssuedUtc, DateTime? ExpiresUtc, DateTime? RevokedUtc);

/// <summary>Queries made by the institution: all time, this (Bolivian) month, and refused ones.</summary>
public sealed record QueryCounts(int Total, int ThisMonth, int Refused);

/// <summary>The one page that shows everything about an institution.</summary>
public sealed record InstitutionDetail(int Id, InstitutionInput Data, DateTime CreatedUtc,
    IReadOnlyList<AgreementRow> Agreements, IReadOnlyList<EndUserView> EndUsers,
    IReadOnlyList<CredentialRow> Credentials, QueryCounts Queries);
