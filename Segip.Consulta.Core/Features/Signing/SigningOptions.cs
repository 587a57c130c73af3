using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Configuration;

namespace Segip.Consulta.Core.Features.Signing;

/// <summary>Section <c>Signing</c>: SEGIP's certificate and the earlier ones that still verify (<see cref="SigningCertificate"/>).</summary>
public sealed class SigningOptions
{
    public const string SectionName = "Signing";

    /// <summary>PFX with the private key; without it only Development and the sandbox generate their own.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    /// <summary>Paths of earlier public certificates (PEM or DER), so what they signed still verifies.</summary>
    public List<string> PreviousCertificates { get; set; } = [];
}

public sealed class SigningOptionsValidator(HostingRules hosting) : IValidateOptions<SigningOptions>
{
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (!hosting.MayGenerateKeys) failures.Add("Falta Signing:CertificatePath (certificado X.509 del SEGIP).");
        }
        else if (!File.Exists(options.CertificatePath))
            failures.Add($"No existe el certificado de firma «{options.CertificatePath}» (Signing:CertificatePath).");
        foreach (var previous in options.PreviousCertificates.Where(p => !string.IsNullOrWhiteSpace(p) && !File.Exists(p)))
            failures.Add($"No existe el certificado anterior «{previous}» (Signing:PreviousCertificates).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
