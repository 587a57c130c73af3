using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Telemetry;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>
/// The single path every query takes, whatever the channel, in the order docs/domain.md fixes (and docs/architecture.md draws):
/// agreement in force → channel → end user → quota → input → look-up → projection →
/// audit commit → answer. Authentication happens before (the channel resolves the institution);
/// a caller without one is refused here too. Every outcome is audited before it is returned.
/// </summary>
public sealed class QueryGate(
    InstitutionAccessCache access,
    QuotaReservations quotas,
    RegistryLookup registry,
    AuditLog auditLog,
    TimeProvider time,
    IValidator<QueryRequest> validator,
    ConsultaMetrics metrics,
    Sandbox.DeploymentMode mode)
{
    private const int MaxNameMatches = 10;

    /// <summary>Runs the query and measures it (answer time per channel, type, result and institution).</summary>
    public async Task<QueryOutcome> ExecuteAsync(QueryCaller caller, QueryRequest input, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var result = "ERROR";
        try
        {
            var outcome = await RunAsync(caller, input, ct);
            result = outcome.Result.ToCode();
            return outcome;
        }
        finally
        {
            metrics.RecordGate(caller.InstitutionId, caller.Channel, input.Type, result, time.GetElapsedTime(started));
        }
    }

    private async Task<QueryOutcome> RunAsync(QueryCaller caller, QueryRequest input, CancellationToken ct)
    {
        var request = input.Normalized();
        var audit = AuditEntries.ForQuery(caller, request);

        if (caller.InstitutionId is not { } institutionId)
            return await RefuseAsync(audit, RefusalReason.InvalidCredential);

        var today = BoliviaClock.Today(time);
        var state = await access.GetAsync(institutionId, ct);
        var agreement = state.Agreement;
        if (state.Refusal(caller.Channel, caller.ClientIp, caller.EndUserCode, today) is { } refusal)
            return await RefuseAsync(refusal == RefusalReason.AgreementNotInForce
                ? audit with { AgreementId = agreement?.Id }
                : audit with { AgreementId = agreement!.Id, AccessLevelId = agreement.Level.Id }, refusal);

        var level = agreement!.Level;
        audit = audit with { AgreementId = agreement.Id, AccessLevelId = level.Id };

        // The quota is reserved in the database before the work (instances share it) and given back if the
        // query is refused later or fails, so an institution is charged for answered queries only.
        var reserved = false;
        // The sandbox has no quotas (its rate limits stay): developers test as much as they need.
        if (agreement.MonthlyQuota is { } quota && !mode.IsSandbox)
        {
            if (!await quotas.TryReserveAsync(agreement.Id, quota, ct))
                return await RefuseAsync(audit, RefusalReason.QuotaExhausted);
            reserved = true;
        }
        QueryOutcome outcome;
        try
        {
            outcome = await AnswerAsync(request, level, audit, ct);
        }
        catch when (reserved)
        {
            await ReleaseQuietlyAsync(agreement.Id);
            throw;
        }
        if (reserved && outcome.IsRefused) await quotas.ReleaseAsync(agreement.Id, CancellationToken.None);
        return outcome;
    }

    /// <summary>Gives the unit back after a failure; if the database is what failed, the unit stays spent.</summary>
    private async Task ReleaseQuietlyAsync(int agreementId)
    {
        try { await quotas.ReleaseAsync(agreementId, CancellationToken.None); }
        catch (Exception) { /* the original failure is what the caller must see */ }
    }

    private async Task<QueryOutcome> AnswerAsync(QueryRequest request, LevelSnapshot level, AuditEntry audit, CancellationToken ct)
    {
        // The rules are all synchronous; the asynchronous pipeline would only add overhead per query.
        var validation = validator.Validate(request);
        if (!validation.IsValid)
        {
            var errors = validation.Errors
                .GroupBy(e => QueryRequestValidator.ContractName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            return await RefuseAsync(audit, RefusalReason.InvalidRequest, errors);
        }

        var operationAllowed = request.Type switch
        {
            QueryType.Document => level.Fields.Count > 0,
            QueryType.Name => level.AllowsNameSearch && level.Fields.Count > 0,
            QueryType.Verification => true,
            _ => false,
        };
        if (!operationAllowed)
            return await RefuseAsync(audit, RefusalReason.OperationNotAllowed);

        // Verification discloses no personal field, so it never needs consent.
        if (level.RequiresConsent && request.Type != QueryType.Verification && string.IsNullOrEmpty(request.ConsentReference))
            return await RefuseAsync(audit, RefusalReason.ConsentRequired);

        return request.Type switch
        {
            QueryType.Document => await ByDocumentAsync(request, level, audit, ct),
            QueryType.Verification => await VerifyAsync(request, level, audit, ct),
            _ => await ByNameAsync(request, level, audit, ct),
        };
    }

    private async Task<QueryOutcome> ByDocumentAsync(QueryRequest request, LevelSnapshot level, AuditEntry audit, CancellationToken ct)
    {
        var match = await FindDocumentAsync(request, level.Fields.Contains(FieldCatalog.Fotografia) || level.Fields.Contains(FieldCatalog.Firma), ct);
        if (match is null)
            return await CommitAsync(audit with { Result = QueryResult.NotFound }, level, [], []);
        var person = PersonProjection.Project(match, level.Fields);
        return await CommitAsync(audit with { Result = QueryResult.Found }, level, [person], [match.Person.Id]);
    }

    private async Task<QueryOutcome> VerifyAsync(QueryRequest request, LevelSnapshot level, AuditEntry audit, CancellationToken ct)
    {
        var match = await FindDocumentAsync(request, withBiometrics: false, ct);
        if (match is null)
            return await CommitAsync(audit with { Result = QueryResult.NotFound }, level, [], []);

        var p = match.Person;
        var matches = new Dictionary<string, bool>();
        if (request.FirstNames is not null) matches[FieldCatalog.Nombres] = Same(request.FirstNames, p.FirstNames);
        if (request.FirstSurname is not null) matches[FieldCatalog.PrimerApellido] = Same(request.FirstSurname, p.FirstSurname);
        if (request.SecondSurname is not null) matches[FieldCatalog.SegundoApellido] = Same(request.SecondSurname, p.SecondSurname);
        if (request.BirthDate is { } birth) matches[FieldCatalog.FechaNacimiento] = birth == p.BirthDate;

        var result = matches.Values.All(v => v) ? QueryResult.Matched : QueryResult.NotMatched;
        var record = await auditLog.AppendAsync(audit with
        {
            Result = result, DisclosedFields = FieldCatalog.EstadoDocumento,
            Subjects = AuditEntries.Subjects(AuditSubjectKind.Verified, [p.Id]),
            AnswerSha256 = AnswerDigest.Of(matches, match.Document.Status),
        });
        return new QueryOutcome
        {
            QueryId = record.QueryId,
            AuditSequence = record.Sequence,
            TimestampUtc = record.TimestampUtc,
            Type = QueryType.Verification,
            Result = result,
            AccessLevelCode = level.Code,
            DisclosedFields = [FieldCatalog.EstadoDocumento],
            Matches = matches,
            DocumentStatus = match.Document.Status,
        };
    }

    private async Task<QueryOutcome> ByNameAsync(QueryRequest request, LevelSnapshot level, AuditEntry audit, CancellationToken ct)
    {
        var withBiometrics = level.Fields.Contains(FieldCatalog.Fotografia) || level.Fields.Contains(FieldCatalog.Firma);
        var found = await registry.FindByNameAsync(request.FirstNames!, request.FirstSurname, request.SecondSurname, request.BirthDate!.Value,
            withBiometrics, MaxNameMatches, ct);
        var projected = found.Select(m => PersonProjection.Project(m, level.Fields)).ToList();
        var result = projected.Count > 0 ? QueryResult.Found : QueryResult.NotFound;
        return await CommitAsync(audit with { Result = result }, level, projected, found.Select(m => m.Person.Id).ToArray());
    }

    private Task<RegistryMatch?> FindDocumentAsync(QueryRequest request, bool withBiometrics, CancellationToken ct) =>
        registry.FindAsync(request.ParsedDocumentType!.Value, request.DocumentNumber!, request.Complement ?? "", withBiometrics, ct);

    /// <summary>Audits an answer that discloses <paramref name="persons"/> (ids <paramref name="personIds"/>, in the same order), then returns it.</summary>
    private async Task<QueryOutcome> CommitAsync(AuditEntry audit, LevelSnapshot level, IReadOnlyList<DisclosedPerson> persons, IReadOnlyList<long> personIds)
    {
        var disclosed = persons.Count > 0 ? FieldCatalog.Normalize(level.Fields) : [];
        var record = await auditLog.AppendAsync(audit with
        {
            DisclosedFields = string.Join(',', disclosed),
            Subjects = persons.Count > 0 ? AuditEntries.Subjects(AuditSubjectKind.Disclosed, personIds) : [],
            AnswerSha256 = AnswerDigest.Of(persons),
        });
        return new QueryOutcome
        {
            QueryId = record.QueryId,
            AuditSequence = record.Sequence,
            TimestampUtc = record.TimestampUtc,
            Type = audit.QueryType,
            Result = audit.Result,
            AccessLevelCode = level.Code,
            DisclosedFields = disclosed,
            Persons = persons,
        };
    }

    private async Task<QueryOutcome> RefuseAsync(AuditEntry audit, RefusalReason reason, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var record = await auditLog.AppendAsync(audit with { Result = QueryResult.Refused, RefusalReason = reason });
        return new QueryOutcome
        {
            QueryId = record.QueryId,
            AuditSequence = record.Sequence,
            TimestampUtc = record.TimestampUtc,
            Type = audit.QueryType,
            Result = QueryResult.Refused,
            Refusal = reason,
            RefusalMessage = RefusalMessages.For(reason),
            Errors = errors,
        };
    }

    private static bool Same(string claimed, string? actual) => TextNormalizer.SameName(claimed, actual);
}
