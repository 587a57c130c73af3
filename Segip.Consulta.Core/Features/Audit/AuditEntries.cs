using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// The one place that builds <see cref="AuditEntry"/> values: a query at the gate, a web-service call refused before
/// it, a certificate issued or refused. Text is cut to the columns' lengths (<c>AuditRecordConfiguration</c>) here,
/// so no caller can make an append fail; outcomes are added with <c>with</c> by the caller that knows them.
/// </summary>
public static class AuditEntries
{
    /// <summary>What a web-service call refused before the gate records instead of its (unusable) keys.</summary>
    public const string UnprocessedKeys = "(solicitud no procesada)";

    /// <summary>A query as the gate receives it (normalised): who asks, through which channel, for which keys.</summary>
    public static AuditEntry ForQuery(QueryCaller caller, QueryRequest request)
    {
        var byDocument = request.Type != QueryType.Name;
        return new AuditEntry
        {
            InstitutionId = caller.InstitutionId,
            EndUserCode = Cut(caller.EndUserCode, 40),
            Channel = caller.Channel,
            ClientIp = Cut(caller.ClientIp, 45),
            QueryType = request.Type,
            SearchKeys = request.DescribeKeys(),
            DocumentNumber = byDocument ? Cut(request.DocumentNumber, 10) : null,
            DocumentType = byDocument ? request.ParsedDocumentType : null,
            DocumentComplement = byDocument ? Cut(request.Complement ?? "", 2) : null,
            Purpose = Cut(request.Purpose, 500),
            ConsentReference = Cut(request.ConsentReference, 100),
            CorrelationId = Cut(caller.CorrelationId, 100),
        };
    }

    /// <summary>A web-service query call refused before the gate (IP, rate limit, unusable request): DENEGADO with the reason.</summary>
    public static AuditEntry ForRefusedCall(int institutionId, string? endUserCode, string? clientIp, QueryType type, RefusalReason reason, string? correlationId)
    {
        var code = endUserCode?.Trim().ToUpperInvariant();
        return new AuditEntry
        {
            InstitutionId = institutionId,
            EndUserCode = string.IsNullOrEmpty(code) ? null : Cut(code, 40),
            Channel = Channel.WebService,
            ClientIp = Cut(clientIp, 45),
            QueryType = type,
            SearchKeys = UnprocessedKeys,
            Result = QueryResult.Refused,
            RefusalReason = reason,
            CorrelationId = Cut(correlationId, 100),
        };
    }

    /// <summary>
    /// A certificate issued for <paramref name="query"/>: its document, purpose and disclosed fields, the persons it
    /// discloses again and the digest of the data it shows.
    /// </summary>
    public static AuditEntry ForCertificate(AuditRecord query, CertificateRequest request, string certificateNumber,
        IReadOnlyList<AuditSubjectRef> subjects, byte[]? answerSha256) => CertificateBase(query, request) with
    {
        AccessLevelId = query.AccessLevelId,
        SearchKeys = $"CERTIFICADO {certificateNumber} DE LA CONSULTA {query.QueryId}",
        Purpose = query.Purpose,
        ConsentReference = query.ConsentReference,
        Result = QueryResult.Issued,
        DisclosedFields = query.DisclosedFields,
        CertificateNumber = certificateNumber,
        AnswerSha256 = answerSha256,
        Subjects = subjects,
    };

    /// <summary>A certificate refused now (end user, agreement or channel no longer allowed).</summary>
    public static AuditEntry ForCertificateRefusal(AuditRecord query, CertificateRequest request, RefusalReason reason) =>
        CertificateBase(query, request) with
        {
            SearchKeys = $"CERTIFICADO DE LA CONSULTA {query.QueryId}",
            Result = QueryResult.Refused,
            RefusalReason = reason,
        };

    private static AuditEntry CertificateBase(AuditRecord query, CertificateRequest request) => new()
    {
        InstitutionId = request.InstitutionId,
        AgreementId = query.AgreementId,
        EndUserCode = Cut(request.EndUserCode, 40),
        Channel = request.Channel,
        ClientIp = Cut(request.ClientIp, 45),
        QueryType = QueryType.Certificate,
        SearchKeys = "",
        DocumentNumber = query.DocumentNumber,
        DocumentType = query.DocumentType,
        DocumentComplement = query.DocumentComplement,
        CorrelationId = Cut(request.CorrelationId, 100),
    };

    /// <summary>The persons of an answer as subjects of one kind.</summary>
    public static IReadOnlyList<AuditSubjectRef> Subjects(AuditSubjectKind kind, IReadOnlyList<long> personIds) =>
        personIds.Count switch
        {
            0 => [],
            1 => [new AuditSubjectRef(personIds[0], kind)],
            _ => personIds.Distinct().Select(id => new AuditSubjectRef(id, kind)).ToArray(),
        };

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
