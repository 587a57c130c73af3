using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>
/// <c>PublicBaseUrl</c> (a top-level setting): base of the verification links printed in certificates and their QR
/// codes. Required outside Development, so the link never comes from a request's Host header; empty in Development
/// means the request's own base.
/// </summary>
public sealed class CertificateOptions
{
    public string? PublicBaseUrl { get; set; }
}

public sealed class CertificateOptionsValidator(HostingRules hosting) : IValidateOptions<CertificateOptions>
{
    public ValidateOptionsResult Validate(string? name, CertificateOptions options) =>
        hosting.IsDevelopment
        || Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicBase) && publicBase.Scheme is "https" or "http"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Falta PublicBaseUrl (dirección pública de la app, p. ej. https://consulta.segip.gob.bo, para los enlaces de verificación).");
}
