using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Web.Auth;

/// <summary>
/// Sign-in of citizens through Ciudadanía Digital, Bolivia's citizen identity provider
/// (<c>Authentication:Ciudadania:*</c>). A second OpenID Connect scheme, separate from the staff one; off
/// while <see cref="Authority"/> is empty. The session is linked to the registry person named by the
/// provider's document claims; no account is created and no staff role can be obtained through it.
/// </summary>
public sealed class CitizenOptions
{
    public const string SectionName = "Authentication:Ciudadania";

    /// <summary>The OpenID Connect scheme that talks to Ciudadanía Digital.</summary>
    public const string Scheme = "ciudadania";

    /// <summary>Where the provider's answer waits (briefly) until it is linked to a person.</summary>
    public const string ExternalScheme = "ciudadania.externa";

    /// <summary>The citizen session's own cookie scheme; staff sessions never use it.</summary>
    public const string SessionScheme = "ciudadano";

    /// <summary>The claim holding the registry person's id in a citizen session.</summary>
    public const string PersonClaim = "segip:persona";

    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Space-separated scopes requested from the provider.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>Claim with the verified document number (without complement).</summary>
    public string DocumentClaim { get; set; } = "numero_documento";

    /// <summary>Claim with the document type (CI, CIE); when the provider sends none, CI is assumed.</summary>
    public string DocumentTypeClaim { get; set; } = "tipo_documento";

    /// <summary>Claim with the document's complement (e.g. "1A"); absent or empty when it has none.</summary>
    public string ComplementClaim { get; set; } = "complemento";

    public string DisplayName { get; set; } = "Ingresar con Ciudadanía Digital";

    /// <summary>False only for a provider on loopback (tests, local trials).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}

public sealed class CitizenOptionsValidator : IValidateOptions<CitizenOptions>
{
    public ValidateOptionsResult Validate(string? name, CitizenOptions options) => !options.IsEnabled ? ValidateOptionsResult.Success
        : new SettingsCheck(CitizenOptions.SectionName)
            .OpenIdProvider(options.Authority, options.ClientId, options.Scopes, options.RequireHttpsMetadata)
            .Required(nameof(options.DocumentClaim), options.DocumentClaim, "sin ella no se sabe qué persona del registro ingresa.")
            .Result();
}
