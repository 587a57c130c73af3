using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Citizens;
using Segip.Consulta.Core.Features.Disputes;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// A citizen's view of the queries about them and their disputes, called on the Core services as each
/// role would: the citizen sees only their own queries and cases, never a reserved agreement's; auditors
/// assign and resolve; the institution's admin answers its own cases before the deadline.
/// </summary>
[Trait("Category", "Integration")]
public class CitizenDisputeTests : StaffScenario
{
    // Demo registry: person 1 holds CI 1234567, person 2 holds CI 1234567-1A (same number, other complement).
    private static readonly Actor JuanCarlos = Actor.ForCitizen(1);
    private static readonly Actor MariaElena = Actor.ForCitizen(2);
    private Actor TseAdmin => new("admin@tse.demo", new HashSet<string> { Roles.InstitutionAdmin }, Tse);

    private CitizenQueryService Queries => Host.Get<CitizenQueryService>();
    private DisputeService Disputes => Host.Get<DisputeService>();

    private async Task<long> QueryAsync(string number = "1234567", string? complement = null, string purpose = "Apertura de cuenta de ahorro")
    {
        var outcome = await Host.Get<QueryGate>().ExecuteAsync(
            new QueryCaller { Channel = Channel.Web, InstitutionId = Bank, EndUserCode = "BD-001", ClientIp = "127.0.0.1" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = number, Complement = complement, Purpose = purpose });
        Assert.Equal(QueryResult.Found, outcome.Result);
        await using var db = await Db();
        return await db.AuditRecords.Where(r => r.QueryId == outcome.QueryId).Select(r => r.Sequence).SingleAsync();
    }

    private async Task<List<long>> ListAsync(Actor citizen, CitizenQueryFilter? filter = null) =>
        (await Queries.SearchAsync(citizen, filter ?? new CitizenQueryFilter())).Value!.Rows.Select(r => r.Sequence).ToList();

    private async Task<List<CitizenQueryRow>> CsvRowsAsync(Actor citizen)
    {
        var rows = new List<CitizenQueryRow>();
        await foreach (var row in Queries.StreamAsync(citizen, new CitizenQueryFilter())) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task A_citizen_sees_the_queries_about_them_newest_first_and_never_another_persons()
    {
        var first = await QueryAsync(purpose: "Apertura de cuenta de ahorro");
        var second = await QueryAsync(purpose: "Solicitud de crédito");
        var other = await QueryAsync(complement: "1A");

        var page = (await Queries.SearchAsync(JuanCarlos, new CitizenQueryFilter())).Value!;
        Assert.Equal([second, first], page.Rows.Select(r => r.Sequence));
        Assert.Equal("Banco Demo S.A.", page.Rows[0].InstitutionName);
        Assert.Equal("Solicitud de crédito", page.Rows[0].Purpose);
        Assert.Equal([other], await ListAsync(MariaElena));
        Assert.Equal([second, first], (await CsvRowsAsync(JuanCarlos)).Select(r => r.Sequence));

        Assert.Equal([second, first], await ListAsync(JuanCarlos, new CitizenQueryFilter { Year = 2026, InstitutionId = Bank }));
        Assert.Empty(await ListAsync(JuanCarlos, new CitizenQueryFilter { Year = 2025 }));
        Assert.Empty(await ListAsync(JuanCarlos, new CitizenQueryFilter { InstitutionId = Tse }));
        Assert.Equal([2026], (await Queries.FilterOptionsAsync(JuanCarlos)).Years);
    }

    [Fact]
    public async Task Staff_are_not_served_the_citizen_list()
    {
        await QueryAsync();
        foreach (var staff in new[] { Auditor, SegipAdmin, BankAdmin, BankOfficer, Legal })
        {
            Assert.Equal(ServiceStatus.Forbidden, (await Queries.SearchAsync(staff, new CitizenQueryFilter())).Status);
            Assert.Empty(await CsvRowsAsync(staff));
        }
    }

    [Fact]
    public async Task Queries_of_a_reserved_agreement_never_reach_the_citizen_list_or_export_and_cannot_be_disputed()
    {
        var query = await QueryAsync();
        Assert.True((await Agreements.MarkReservedAsync(Legal, BankAgreement, "Investigación penal en curso, orden fiscal 12/2026")).IsOk);

        Assert.Empty(await ListAsync(JuanCarlos));
        Assert.Empty(await CsvRowsAsync(JuanCarlos));
        Assert.Empty((await Queries.FilterOptionsAsync(JuanCarlos)).Institutions);
        Assert.Equal(ServiceStatus.NotFound, (await Disputes.OpenAsync(JuanCarlos, query, "No autoricé esta consulta del banco")).Status);

        Assert.True((await Agreements.UnmarkReservedAsync(Legal, BankAgreement, "Concluyó la investigación penal")).IsOk);
        Assert.Equal([query], await ListAsync(JuanCarlos));
    }

    [Fact]
    public async Task The_signed_report_lists_the_citizens_visible_queries_for_the_page_filters_and_verifies()
    {
        await QueryAsync(purpose: "Crédito hipotecario del titular");
        await QueryAsync(complement: "1A", purpose: "Consulta sobre otra persona");
        var reports = Host.Get<CitizenReportService>();

        var issued = (await reports.IssueAsync(JuanCarlos, new CitizenQueryFilter { Year = 2026, InstitutionId = Bank }, "https://consulta.segip.test")).Value!;
        var sig = await PdfInspection.PdfsigAsync(issued.Pdf);
        Assert.Contains("Signature is Valid", sig);
        Assert.Contains("adbe.pkcs7.detached", sig);
        var text = PdfInspection.Text(issued.Pdf);
        Assert.Contains("Reporte de consultas a mis datos", text);
        Assert.Contains("JUAN CARLOS PEREZ MAMANI", text);
        Assert.Contains("Año 2026 · Banco Demo S.A.", text);
        Assert.Contains("Crédito hipotecario del titular", text);
        Assert.Contains("(hora de Bolivia)", text);
        Assert.DoesNotContain("Consulta sobre otra persona", text);
        Assert.DoesNotContain("BD-001", text); // never the officer
        Assert.Equal(["https://consulta.segip.test/verificar/" + Core.Features.Certificates.VerificationCode.Display(issued.VerificationCode)],
            PdfInspection.QrCodes(issued.Pdf));

        var verified = (await reports.VerifyAsync(Core.Features.Certificates.VerificationCode.Display(issued.VerificationCode)))!;
        Assert.Equal((issued.Number, "J*** C*** P*** M***", 1), (verified.Number, verified.MaskedName, verified.QueryCount));
        Assert.Contains(verified.ContentSha256, text);
        Assert.Null(await reports.VerifyAsync("ABCD-EFGH-JKMN-PQRS"));

        // Another year has nothing; a reserved agreement's query leaves the report like it leaves the page.
        Assert.Equal(0, (await reports.VerifyAsync((await reports.IssueAsync(JuanCarlos, new CitizenQueryFilter { Year = 2025 }, "https://x.test")).Value!.VerificationCode))!.QueryCount);
        Assert.True((await Agreements.MarkReservedAsync(Legal, BankAgreement, "Investigación penal en curso, orden fiscal 12/2026")).IsOk);
        var afterReserve = (await reports.IssueAsync(JuanCarlos, new CitizenQueryFilter(), "https://x.test")).Value!;
        Assert.DoesNotContain("Crédito hipotecario del titular", PdfInspection.Text(afterReserve.Pdf));
        Assert.Equal(0, (await reports.VerifyAsync(afterReserve.VerificationCode))!.QueryCount);

        foreach (var staff in new[] { Auditor, SegipAdmin, BankAdmin, BankOfficer, Legal })
            Assert.Equal(ServiceStatus.Forbidden, (await reports.IssueAsync(staff, new CitizenQueryFilter(), "https://x.test")).Status);
    }

    [Fact]
    public async Task A_citizen_cannot_dispute_or_read_another_persons_query_or_case_whatever_id_they_try()
    {
        var mine = await QueryAsync();
        var hers = await QueryAsync(complement: "1A");
        var hersCase = (await Disputes.OpenAsync(MariaElena, hers, "Nunca tuve relación con este banco")).Value;

        Assert.Equal(ServiceStatus.NotFound, (await Disputes.OpenAsync(JuanCarlos, hers, "Quiero ver esta consulta ajena")).Status);
        Assert.Equal(ServiceStatus.NotFound, (await Disputes.OpenAsync(JuanCarlos, 999_999, "Un registro que no existe")).Status);
        Assert.Equal(ServiceStatus.NotFound, (await Disputes.MyCaseAsync(JuanCarlos, hersCase)).Status);
        Assert.Empty((await Disputes.MyCasesAsync(JuanCarlos)).Value!);
        Assert.Equal([mine], await ListAsync(JuanCarlos));
        Assert.Equal(ServiceStatus.Forbidden, (await Disputes.GetAsync(JuanCarlos, hersCase)).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Disputes.SearchAsync(JuanCarlos, new CaseFilter())).Status);
    }

    [Fact]
    public async Task A_dispute_goes_from_open_to_review_to_resolved_with_the_institution_answer_and_every_step_in_the_history()
    {
        var query = await QueryAsync();
        var opened = await Disputes.OpenAsync(JuanCarlos, query, "No tengo cuenta en este banco ni autoricé la consulta");
        Assert.True(opened.IsOk, opened.Message);
        var id = opened.Value;

        var forBank = (await Disputes.GetAsync(BankAdmin, id)).Value!;
        Assert.Equal(CaseState.Open, forBank.State);
        Assert.Equal(query, forBank.AuditSequence);
        Assert.Equal(new DateOnly(2026, 12, 10), forBank.AnswerDueOn); // 10 working days after Thursday 26/11/2026
        Assert.Equal(ServiceStatus.NotFound, (await Disputes.GetAsync(TseAdmin, id)).Status);
        Assert.Equal(ServiceStatus.NotFound, (await Disputes.AnswerAsync(TseAdmin, id, new() { InstitutionAnswer = "Justificación de otra institución" })).Status);

        Assert.True((await Disputes.AssignAsync(Auditor, id, new() { AssignedTo = "auditor@segip.demo" })).IsOk);
        Assert.True((await Disputes.AddNoteAsync(Auditor, id, new() { Note = "Se pidió al banco el formulario firmado" })).IsOk);
        Assert.True((await Disputes.AnswerAsync(BankAdmin, id, new() { InstitutionAnswer = "El cliente solicitó un crédito el 20/11/2026 y firmó el consentimiento" })).IsOk);
        Assert.Equal(CaseState.InReview, (await Disputes.MyCaseAsync(JuanCarlos, id)).Value!.State);
        Assert.Null((await Disputes.MyCaseAsync(JuanCarlos, id)).Value!.Resolution);

        var resolved = await Disputes.ResolveAsync(Auditor, id, new() { Outcome = CaseOutcome.Unfounded, Resolution = "El banco presentó el consentimiento firmado por usted" });
        Assert.True(resolved.IsOk, resolved.Message);
        var seen = (await Disputes.MyCaseAsync(JuanCarlos, id)).Value!;
        Assert.Equal(CaseState.Resolved, seen.State);
        Assert.Equal(CaseOutcome.Unfounded, seen.Outcome);
        Assert.Equal("El banco presentó el consentimiento firmado por usted", seen.Resolution);
        Assert.Equal(id, (await Queries.SearchAsync(JuanCarlos, new CitizenQueryFilter())).Value!.Rows.Single().CaseId);

        Assert.Equal(["Abierto por el ciudadano", "Asignado", "Nota", "Respondido por la institución", "Resuelto"],
            await HistoryOf(DisputeService.EntityType, id.ToString()));
        Assert.Equal(ServiceStatus.Conflict, (await Disputes.AddNoteAsync(Auditor, id, new() { Note = "Nota después de resolver" })).Status);
    }

    /// <summary>The case page shows exactly the read model's actions: each one offered is accepted, each one withheld refused.</summary>
    [Fact]
    public async Task A_case_offers_each_reader_exactly_the_steps_the_service_accepts_in_its_state()
    {
        var id = (await Disputes.OpenAsync(JuanCarlos, await QueryAsync(), "No autoricé esta consulta")).Value;
        async Task<IReadOnlySet<CaseAction>> Allowed(Actor actor) => (await Disputes.GetAsync(actor, id)).Value!.AllowedActions;

        Assert.Equal([CaseAction.Assign, CaseAction.Note], (await Allowed(Auditor)).Order());
        Assert.Equal([CaseAction.Answer], await Allowed(BankAdmin));
        var early = await Disputes.ResolveAsync(Auditor, id, new() { Outcome = CaseOutcome.Founded, Resolution = "Resolución antes de revisar" });
        Assert.Equal(ServiceStatus.Conflict, early.Status);
        Assert.Equal("Asigne el caso a un auditor (en revisión) antes de resolverlo.", early.Message);

        Assert.True((await Disputes.AnswerAsync(BankAdmin, id, new() { InstitutionAnswer = "El cliente firmó el consentimiento" })).IsOk);
        Assert.Empty(await Allowed(BankAdmin));
        Assert.Equal(ServiceStatus.Conflict, (await Disputes.AnswerAsync(BankAdmin, id, new() { InstitutionAnswer = "Una segunda justificación" })).Status);

        Assert.True((await Disputes.AssignAsync(Auditor, id, new() { AssignedTo = "auditor@segip.demo" })).IsOk);
        Assert.Equal([CaseAction.Assign, CaseAction.Note, CaseAction.Resolve], (await Allowed(Auditor)).Order());
        Assert.True((await Disputes.ResolveAsync(Auditor, id, new() { Outcome = CaseOutcome.Unfounded, Resolution = "El banco presentó el consentimiento" })).IsOk);
        Assert.Empty(await Allowed(Auditor));
        Assert.Equal(ServiceStatus.Conflict, (await Disputes.AssignAsync(Auditor, id, new() { AssignedTo = "auditor@segip.demo" })).Status);
    }

    [Fact]
    public async Task Each_step_accepts_only_its_actor()
    {
        var query = await QueryAsync();
        foreach (var staff in new[] { Auditor, BankAdmin, BankOfficer, SegipAdmin, Legal })
            Assert.Equal(ServiceStatus.Forbidden, (await Disputes.OpenAsync(staff, query, "Un reclamo a nombre de otro")).Status);
        var id = (await Disputes.OpenAsync(JuanCarlos, query, "No autoricé esta consulta")).Value;

        foreach (var notAuditor in new[] { JuanCarlos, BankAdmin, BankOfficer, Legal })
        {
            Assert.Equal(ServiceStatus.Forbidden, (await Disputes.AssignAsync(notAuditor, id, new() { AssignedTo = "auditor@segip.demo" })).Status);
            Assert.Equal(ServiceStatus.Forbidden, (await Disputes.AddNoteAsync(notAuditor, id, new() { Note = "Una nota que no corresponde" })).Status);
            Assert.Equal(ServiceStatus.Forbidden, (await Disputes.ResolveAsync(notAuditor, id, new() { Outcome = CaseOutcome.Founded, Resolution = "Resolución que no corresponde" })).Status);
        }
        foreach (var notInstitution in new[] { JuanCarlos, Auditor, BankOfficer, SegipAdmin })
            Assert.Equal(ServiceStatus.Forbidden, (await Disputes.AnswerAsync(notInstitution, id, new() { InstitutionAnswer = "Justificación que no corresponde" })).Status);
        Assert.Equal(CaseState.Open, (await Disputes.GetAsync(Auditor, id)).Value!.State);
        Assert.Equal(["Abierto por el ciudadano"], await HistoryOf(DisputeService.EntityType, id.ToString()));
    }

    [Theory]
    [InlineData(null, "Explique por qué considera indebida la consulta.")]
    [InlineData("Mal", "El texto debe tener al menos 10 caracteres.")]
    [InlineData("No autoricé\u202E esta consulta", "El texto contiene caracteres de control o de dirección de escritura no permitidos.")]
    public async Task A_bad_reason_is_refused_in_spanish_and_opens_nothing(string? reason, string message)
    {
        var query = await QueryAsync();
        var result = await Disputes.OpenAsync(JuanCarlos, query, reason);

        Assert.Equal(ServiceStatus.Invalid, result.Status);
        Assert.Equal(message, result.Errors[nameof(DisputeCase.Reason)].Single());
        Assert.Empty((await Disputes.MyCasesAsync(JuanCarlos)).Value!);
    }

    [Fact]
    public async Task A_citizen_opens_at_most_the_daily_limit_of_disputes_and_one_per_query()
    {
        var queries = new List<long>();
        for (var i = 0; i < 6; i++) queries.Add(await QueryAsync(purpose: $"Trámite número {i}"));
        for (var i = 0; i < 5; i++) Assert.True((await Disputes.OpenAsync(JuanCarlos, queries[i], "No autoricé esta consulta")).IsOk);

        var twice = await Disputes.OpenAsync(JuanCarlos, queries[0], "No autoricé esta consulta");
        Assert.Equal("Ya presentó un reclamo sobre esta consulta.", twice.Message);
        var sixth = await Disputes.OpenAsync(JuanCarlos, queries[5], "No autoricé esta consulta");
        Assert.Equal(ServiceStatus.Conflict, sixth.Status);
        Assert.Equal("Alcanzó el límite de 5 reclamos en 24 horas. Podrá presentar otro más tarde.", sixth.Message);

        Clock.Advance(TimeSpan.FromHours(25));
        Assert.True((await Disputes.OpenAsync(JuanCarlos, queries[5], "No autoricé esta consulta")).IsOk);
    }

    [Fact]
    public async Task A_case_the_institution_left_unanswered_past_the_deadline_is_flagged_to_auditors()
    {
        var id = (await Disputes.OpenAsync(JuanCarlos, await QueryAsync(), "No autoricé esta consulta")).Value;
        Assert.Equal(new CaseCounts(1, 0), await Disputes.CountsAsync(Auditor));

        Clock.Advance(TimeSpan.FromDays(15));
        Assert.True((await Disputes.GetAsync(Auditor, id)).Value!.IsOverdue);
        Assert.Equal(new CaseCounts(1, 1), await Disputes.CountsAsync(Auditor));
        Assert.Equal([id], (await Disputes.SearchAsync(Auditor, new CaseFilter { OverdueOnly = true })).Value!.Items.Select(c => c.Id));

        Assert.True((await Disputes.AnswerAsync(BankAdmin, id, new() { InstitutionAnswer = "El cliente firmó el consentimiento el 20/11/2026" })).IsOk);
        Assert.False((await Disputes.GetAsync(Auditor, id)).Value!.IsOverdue);
        Assert.Empty((await Disputes.SearchAsync(Auditor, new CaseFilter { OverdueOnly = true })).Value!.Items);
    }
}
