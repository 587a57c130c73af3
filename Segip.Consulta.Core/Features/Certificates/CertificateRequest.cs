using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>Who asks for the certificate of which query. Any channel (web page, REST) fills the same record.</summary>
public sealed record CertificateRequest(Guid QueryId, int InstitutionId, string IssuedBy, string RequestBaseUrl)
{
    public Channel Channel { get; init; } = Channel.Web;
    /// <summary>The issuing end user (default: the one who made the query); must be registered and enabled now, like for a query.</summary>
    public string? EndUserCode { get; init; }
    public string? ClientIp { get; init; }
    public string? CorrelationId { get; init; }
}

/// <summary>A signed certificate ready to download.</summary>
public sealed record IssuedCertificate(string Number, string VerificationCode, string VerificationUrl, byte[] Pdf)
{
    public string FileName => $"{Number}.pdf";
}

/// <summary>What the public verification page may show: never the person's data.</summary>
public sealed record CertificateVerification(string Number, DateTime IssuedUtc, string InstitutionName,
    QueryType QueryType, QueryResult Result, DateTime? RevokedUtc)
{
    public bool IsRevoked => RevokedUtc is not null;
}

/// <summary>A row of the administrators' list of issued certificates.</summary>
public sealed record CertificateSummary(string Number, DateTime IssuedUtc, string InstitutionName, string? IssuedBy,
    QueryType QueryType, QueryResult Result, DateTime? RevokedUtc, string? RevokedReason,
    Guid QueryId = default, long? QueryAuditSequence = null);

/// <summary>One page of the certificates list and how many match the search.</summary>
public sealed record CertificatePage(IReadOnlyList<CertificateSummary> Rows, int Total);

public sealed class CertificateRevocationInput
{
    public string? Number { get; set; }
    public string? Reason { get; set; }
}

public sealed class CertificateRevocationInputValidator : AbstractValidator<CertificateRevocationInput>
{
    public CertificateRevocationInputValidator()
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.Number).PlainText();
        RuleFor(x => x.Reason).PlainText(multiline: true);
        RuleFor(x => x.Number).NotEmpty().WithMessage("Indique el número del certificado.");
        RuleFor(x => x.Reason).Must(r => r?.Trim().Length is >= 5 and <= 500)
            .WithMessage("Indique el motivo de la revocación (de 5 a 500 caracteres).");
    }
}
