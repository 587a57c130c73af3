using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Web.Auth;

/// <summary>
/// Single sign-on for SEGIP staff (<c>Authentication:Oidc:*</c>). Off while <see cref="Authority"/> is
/// empty: the embedded default needs none of it.
/// </summary>
public sealed class OidcOptions
{
    public const string SectionName = "Authentication:Oidc";

    /// <summary>The authentication scheme name; also the login provider name stored with linked users.</summary>
    public const string Scheme = "oidc";

    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Space-separated scopes requested from the provider.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>Claim of the provider that carries the role values.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Provider role value → app role. Only <see cref="SsoRoles"/> are honoured.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Claim that identifies the user at the provider (stable, never reassigned).</summary>
    public string UserIdClaim { get; set; } = "sub";

    public string DisplayName { get; set; } = "Ingresar con cuenta institucional";

    /// <summary>False only for a provider on loopback (tests, local trials).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Roles a provider may grant: SEGIP staff only; institution roles stay with local accounts.</summary>
    public static readonly IReadOnlySet<string> SsoRoles =
        new HashSet<string> { Core.Domain.Roles.SegipAdmin, Core.Domain.Roles.Legal, Core.Domain.Roles.Auditor };

    /// <summary>The app roles granted by the provider's role values, ignoring unmapped values and non-staff roles.</summary>
    public IReadOnlySet<string> MapRoles(IEnumerable<string> providerValues) =>
        providerValues
            .Select(v => RoleMap.TryGetValue(v, out var role) ? role : null)
            .OfType<string>()
            .Where(SsoRoles.Contains)
            .ToHashSet();
}

public sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options) => !options.IsEnabled ? ValidateOptionsResult.Success
        : new SettingsCheck(OidcOptions.SectionName)
            .OpenIdProvider(options.Authority, options.ClientId, options.Scopes, options.RequireHttpsMetadata)
            .Required(nameof(options.UserIdClaim), options.UserIdClaim, "sin ella no se puede vincular la cuenta del proveedor.")
            .Required(nameof(options.RoleClaim), options.RoleClaim, "sin ella ningún usuario recibe un rol.")
            .Result();
}
