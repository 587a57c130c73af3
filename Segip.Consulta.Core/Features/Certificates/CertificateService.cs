using Microsoft.Extensions.Options;
using System.Security.Cryptography;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>
/// Issues signed query certificates, answers the public verification page and lets SEGIP revoke a
/// certificate. Only the institution that made a query may obtain its certificate.
/// <para>
/// Every request issues a NEW certificate (own number and verification code) recorded as a new audit
/// record (<c>CERTIFICADO</c>/<c>EMITIDO</c>): a certificate is a dated statement, the signed PDF is not
/// stored, and audit records are never updated, so "downloading again" is a new, audited issue.
/// Earlier certificates of the same query stay valid unless revoked.
/// </para>
/// </summary>
public sealed class CertificateService(
    IDbContextFactory<ConsultaDbContext> contexts,
    AuditLog auditLog,
    CertificatePdfWriter writer,
    ChangeLog changes,
    IOptions<CertificateOptions> options,
    IValidator<CertificateRevocationInput> revocationValidator,
    InstitutionAccessCache access,
    RegistryLookup registry,
    TimeProvider time,
    Telemetry.ConsultaMetrics metrics)
{
    public const string EntityType = "CertificadoConsulta";
    private const string NotFoundMessage = "No existe una consulta con ese identificador realizada por su institución.";
    private const int MaxNumberAttempts = 5;

    public async Task<ServiceResult<IssuedCertificate>> IssueAsync(CertificateRequest request, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = await db.AuditRecords.AsNoTracking()
            .Where(r => r.QueryId == request.QueryId && r.QueryType != QueryType.Certificate)
            .FirstOrDefaultAsync(ct);
        // Another institution's query answers exactly like a missing one: its existence is not disclosed.
        if (query is null || query.InstitutionId != request.InstitutionId)
            return ServiceResult<IssuedCertificate>.NotFound(NotFoundMessage);
        if (query.Result == QueryResult.Refused)
            return ServiceResult<IssuedCertificate>.Conflict(nameof(request.QueryId), "Una consulta denegada no tiene certificado.");
        // The same checks as a query, now: a certificate discloses the person again, so a disabled or
        // unknown end user, an agreement no longer in force or a closed channel get none (and it is audited).
        request = request with { EndUserCode = request.EndUserCode ?? query.EndUserCode };
        var state = await access.GetAsync(request.InstitutionId, ct);
        if (state.Refusal(request.Channel, request.ClientIp, request.EndUserCode, BoliviaClock.Today(time)) is { } refusal)
            return await RefuseAsync(request, query, refusal);

        var certificate = await ReserveAsync(db, query, request.IssuedBy, ct);
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? request.RequestBaseUrl : options.Value.PublicBaseUrl;
        CertificateContent content;
        byte[] pdf;
        try
        {
            content = await ContentAsync(db, query, certificate, CertificateQr.VerificationUrl(baseUrl, certificate.VerificationCode), ct);
            pdf = await writer.WriteAsync(content);
            await auditLog.AppendAsync(AuditEntries.ForCertificate(query, request, certificate.Number,
                AuditEntries.Subjects(query.QueryType == QueryType.Verification ? AuditSubjectKind.Verified : AuditSubjectKind.Disclosed,
                    content.PersonIds), AnswerDigest.Of(content.Persons)));
        }
        catch
        {
            // Not drawn or not audited, so not issued: the reserved number must not verify as authentic.
            db.Certificates.Remove(certificate);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        metrics.RecordCertificateIssued(request.Channel);

        certificate.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        await db.SaveChangesAsync(CancellationToken.None);
        return ServiceResult<IssuedCertificate>.Ok(new IssuedCertificate(certificate.Number, certificate.VerificationCode, content.VerificationUrl, pdf));
    }

    private async Task<ServiceResult<IssuedCertificate>> RefuseAsync(CertificateRequest request, AuditRecord query, RefusalReason reason)
    {
        await auditLog.AppendAsync(AuditEntries.ForCertificateRefusal(query, request, reason));
        return ServiceResult<IssuedCertificate>.Forbidden(RefusalMessages.For(reason)) with { Code = reason.ToCode() };
    }

    /// <summary>The public check of a typed or scanned code; null when no certificate has it.</summary>
    public async Task<CertificateVerification?> VerifyAsync(string? typedCode, CancellationToken ct = default)
    {
        if (VerificationCode.Normalize(typedCode) is not { } code) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Certificates.AsNoTracking()
            .Where(c => c.VerificationCode == code)
            .Join(db.Institutions, c => c.InstitutionId, i => i.Id, (c, i) =>
                new CertificateVerification(c.Number, c.IssuedUtc, i.Name, c.QueryType, c.Result, c.RevokedUtc))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<ServiceResult<IReadOnlyList<CertificateSummary>>> ListRecentAsync(Actor actor, int take = 50, CancellationToken ct = default)
    {
        if (!actor.CanAdminister()) return ServiceResult<IReadOnlyList<CertificateSummary>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.Certificates.AsNoTracking()
            .OrderByDescending(c => c.Id).Take(take)
            .Join(db.Institutions, c => c.InstitutionId, i => i.Id, (c, i) =>
                new CertificateSummary(c.Number, c.IssuedUtc, i.Name, c.IssuedBy, c.QueryType, c.Result, c.RevokedUtc, c.RevokedReason))
            .ToListAsync(ct);
        return ServiceResult<IReadOnlyList<CertificateSummary>>.Ok(list);
    }

    /// <summary>
    /// Certificates whose number or institution contains <paramref name="text"/>, newest first, one page, each with
    /// the sequence of the audit record of the query it certifies (the administrator checks it before revoking).
    /// </summary>
    public async Task<ServiceResult<CertificatePage>> SearchAsync(Actor actor, string? text, int page, int pageSize, CancellationToken ct = default)
    {
        if (!actor.CanAdminister()) return ServiceResult<CertificatePage>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var term = text?.Trim() ?? "";
        var rows = db.Certificates.AsNoTracking()
            .Join(db.Institutions, c => c.InstitutionId, i => i.Id, (c, i) => new { c, InstitutionName = i.Name });
        if (term.Length > 0) rows = rows.Where(x => x.c.Number.Contains(term) || x.InstitutionName.Contains(term));
        var total = await rows.CountAsync(ct);
        var list = await rows.OrderByDescending(x => x.c.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(x => new CertificateSummary(x.c.Number, x.c.IssuedUtc, x.InstitutionName, x.c.IssuedBy, x.c.QueryType, x.c.Result,
                x.c.RevokedUtc, x.c.RevokedReason, x.c.QueryId,
                db.AuditRecords.Where(r => r.QueryId == x.c.QueryId && r.QueryType != QueryType.Certificate)
                    .Select(r => (long?)r.Sequence).Min()))
            .ToListAsync(ct);
        return ServiceResult<CertificatePage>.Ok(new CertificatePage(list, total));
    }

    /// <summary>SEGIP administrators revoke a certificate (e.g. issued by mistake); verification then reports it as revoked.</summary>
    public async Task<ServiceResult<CertificateSummary>> RevokeAsync(Actor actor, CertificateRevocationInput input, CancellationToken ct = default)
    {
        if (!actor.CanAdminister()) return ServiceResult<CertificateSummary>.Forbidden();
        var validation = await revocationValidator.ValidateAsync(input, ct);
        if (!validation.IsValid) return ServiceResult<CertificateSummary>.FromValidation(validation);

        var number = input.Number!.Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Number == number, ct);
        if (certificate is null) return ServiceResult<CertificateSummary>.NotFound($"No existe el certificado {number}.");
        if (certificate.RevokedUtc is not null)
            return ServiceResult<CertificateSummary>.Conflict(nameof(input.Number), $"El certificado {number} ya está revocado.");

        certificate.RevokedUtc = time.GetUtcNow().UtcDateTime;
        certificate.RevokedReason = input.Reason!.Trim();
        changes.Add(db, actor, EntityType, certificate.Number, "Revocado", certificate.InstitutionId,
            new { revocado = false }, new { revocado = true, motivo = certificate.RevokedReason });
        await db.SaveChangesAsync(ct);
        var institution = await db.Institutions.Where(i => i.Id == certificate.InstitutionId).Select(i => i.Name).FirstAsync(ct);
        return ServiceResult<CertificateSummary>.Ok(new CertificateSummary(certificate.Number, certificate.IssuedUtc, institution,
            certificate.IssuedBy, certificate.QueryType, certificate.Result, certificate.RevokedUtc, certificate.RevokedReason));
    }

    /// <summary>
    /// The query's metadata and data. The answer itself is not stored, so the person is read again now
    /// and projected onto the field list the audit record says was disclosed — never the agreement's
    /// current level — which reproduces exactly the fields returned, with today's registry values.
    /// Name queries cannot be re-run unambiguously from their keys, so their certificate states the
    /// query and result without personal data.
    /// </summary>
    private async Task<CertificateContent> ContentAsync(ConsultaDbContext db, AuditRecord query, QueryCertificate certificate,
        string verificationUrl, CancellationToken ct)
    {
        var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == query.InstitutionId).Select(i => i.Name).FirstAsync(ct);
        var agreement = query.AgreementId is { } aId
            ? await db.Agreements.AsNoTracking().Where(a => a.Id == aId).Select(a => a.Number).FirstOrDefaultAsync(ct)
            : null;
        var level = query.AccessLevelId is { } lId
            ? await db.AccessLevels.AsNoTracking().Where(l => l.Id == lId).Select(l => l.Name).FirstOrDefaultAsync(ct)
            : null;
        var endUser = query.EndUserCode is { } code
            ? await db.EndUsers.AsNoTracking().Where(u => u.InstitutionId == query.InstitutionId && u.Code == code).Select(u => u.FullName).FirstOrDefaultAsync(ct)
            : null;

        var fields = query.DisclosedFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IReadOnlyList<DisclosedPerson> persons = [];
        long[] personIds = [];
        string? note = null;
        if (fields.Length > 0)
        {
            if (query.QueryType == QueryType.Name)
                note = "Las consultas por nombre no reproducen en el certificado los datos de las personas encontradas.";
            else if (query.DocumentType is null)
                // Recorded before the bitácora kept the document's type in its own column (encoding version 1).
                note = "La consulta se registró antes de que la bitácora guardara el tipo de documento; no se reproducen datos personales.";
            else if (query.DocumentType is { } type && query.DocumentNumber is { } number
                && await registry.FindAsync(type, number, query.DocumentComplement ?? "",
                    fields.Contains(FieldCatalog.Fotografia) || fields.Contains(FieldCatalog.Firma), ct) is { } match)
            {
                persons = [PersonProjection.Project(match, fields)];
                personIds = [match.Person.Id];
            }
            else
                note = "El documento consultado ya no figura en el registro; no se reproducen datos personales.";
        }

        return new CertificateContent
        {
            Number = certificate.Number,
            VerificationCode = certificate.VerificationCode,
            VerificationUrl = verificationUrl,
            IssuedUtc = certificate.IssuedUtc,
            IssuedBy = certificate.IssuedBy ?? "",
            QueryId = query.QueryId,
            AuditSequence = query.Sequence,
            QueriedUtc = query.TimestampUtc,
            InstitutionName = institution,
            AgreementNumber = agreement,
            AccessLevelName = level,
            EndUserCode = query.EndUserCode,
            EndUserName = endUser,
            Channel = query.Channel,
            QueryType = query.QueryType,
            SearchKeys = query.SearchKeys,
            Purpose = query.Purpose,
            ConsentReference = query.ConsentReference,
            Result = query.Result,
            DisclosedFields = fields,
            Persons = persons,
            PersonIds = personIds,
            DataNote = note,
        };
    }

    /// <summary>Takes the next number of the (Bolivian) year; a concurrent issue taking the same one makes us retry.</summary>
    private async Task<QueryCertificate> ReserveAsync(ConsultaDbContext db, AuditRecord query, string issuedBy, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var prefix = $"CERT-{BoliviaClock.ToLocal(now).Year}-";
        for (var attempt = 1; ; attempt++)
        {
            var numbers = await db.Certificates.AsNoTracking().Where(c => c.Number.StartsWith(prefix))
                .OrderByDescending(c => c.Id).Select(c => c.Number).Take(20).ToListAsync(ct);
            var next = numbers.Select(n => long.TryParse(n[prefix.Length..], out var v) ? v : 0).DefaultIfEmpty(0).Max() + 1;
            var certificate = new QueryCertificate
            {
                Number = $"{prefix}{next:D6}",
                VerificationCode = VerificationCode.New(),
                QueryId = query.QueryId,
                InstitutionId = query.InstitutionId!.Value,
                IssuedUtc = now,
                IssuedBy = issuedBy.Length > 256 ? issuedBy[..256] : issuedBy,
                QueryType = query.QueryType,
                Result = query.Result,
            };
            db.Certificates.Add(certificate);
            try
            {
                await db.SaveChangesAsync(ct);
                return certificate;
            }
            catch (DbUpdateException) when (attempt < MaxNumberAttempts)
            {
                db.Entry(certificate).State = EntityState.Detached;
            }
        }
    }
}
