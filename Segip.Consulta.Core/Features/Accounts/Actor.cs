using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>
/// Who performs a staff operation. Services receive it explicitly and enforce scope themselves, so
/// the browser, REST and SOAP cannot differ in what they allow.
/// </summary>
public sealed record Actor(string Name, IReadOnlySet<string> Roles, int? InstitutionId)
{
    /// <summary>The registry person a citizen session is linked to; null for staff and systems.</summary>
    public long? PersonId { get; init; }

    /// <summary>A citizen acting on their own data only; holds no staff role.</summary>
    public bool IsCitizen => PersonId is not null && IsInRole(Domain.Roles.Citizen);

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>SEGIP staff with the role may act on any institution; an institution admin only on its own.</summary>
    public bool CanManageEndUsersOf(int institutionId) =>
        IsInAnyRole(Domain.Roles.SegipAdmin, Domain.Roles.Legal)
        || (IsInRole(Domain.Roles.InstitutionAdmin) && InstitutionId == institutionId);

    /// <summary>An institution's system calling the web service: it acts as its institution's admin, on its own data only.</summary>
    public static Actor ForCredential(string clientId, int institutionId) =>
        new($"credencial:{clientId}", new HashSet<string> { Domain.Roles.InstitutionAdmin }, institutionId);

    /// <summary>The person signed in through Ciudadanía Digital, linked by the provider's document claim.</summary>
    public static Actor ForCitizen(long personId) =>
        new($"ciudadano:{personId}", new HashSet<string> { Domain.Roles.Citizen }, null) { PersonId = personId };

    public static readonly Actor System = new("sistema", new HashSet<string> { Domain.Roles.SegipAdmin }, null);
}
