using FluentValidation;
using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>
/// What staff set on a credential: description, expiry date (Bolivia), the IP allowlist (CIDR) and, SEGIP's
/// administrator only, the pinned client certificate (<see cref="ClientCertificatePin"/>).
/// </summary>
public sealed class CredentialInput
{
    public string? Description { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? IpAllowlist { get; set; }
    /// <summary>PEM certificate or SHA-256 fingerprint as typed; empty removes the pin.</summary>
    public string? ClientCertificate { get; set; }

    public CredentialInput Normalized() => new()
    {
        ClientCertificate = string.IsNullOrWhiteSpace(ClientCertificate) ? null : ClientCertificate.Trim(),
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        ExpiresOn = ExpiresOn,
        IpAllowlist = string.IsNullOrWhiteSpace(IpAllowlist) ? null
            : string.Join(", ", IpAllowlist.Split([',', ';', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
    };
}

public sealed class CredentialInputValidator : AbstractValidator<CredentialInput>
{
    public CredentialInputValidator(TimeProvider time)
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.Description).PlainText();
        RuleFor(x => x.IpAllowlist).PlainText(multiline: true);
        RuleFor(x => x.Description)
            .MaximumLength(300).WithMessage("La descripción no puede pasar de 300 caracteres.");
        RuleFor(x => x.ExpiresOn)
            .Must(d => d is null || d.Value >= BoliviaClock.Today(time))
            .WithMessage("La fecha de vencimiento no puede ser anterior a hoy.");
        RuleFor(x => x.ClientCertificate)
            .MaximumLength(20_000).WithMessage("El certificado no puede pasar de 20000 caracteres.")
            .Custom((text, context) =>
            {
                if (!ClientCertificatePin.TryParse(text, out _, out _, out var error)) context.AddFailure(error!);
            });
        RuleFor(x => x.IpAllowlist)
            .MaximumLength(1000).WithMessage("La lista de IP no puede pasar de 1000 caracteres.")
            .Custom((text, context) =>
            {
                if (!IpAllowlist.TryParse(text, out _, out var error)) context.AddFailure(error!);
            });
    }
}
