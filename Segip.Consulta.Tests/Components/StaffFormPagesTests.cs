using System.Globalization;
using System.Security.Claims;
using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.Disputes;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Auth;
using Segip.Consulta.Web.Components.ChangeHistory;
using Segip.Consulta.Web.Components.Cases;
using Segip.Consulta.Web.Components.Misuse;

namespace Segip.Consulta.Tests.Components;

/// <summary>
/// The staff pages whose forms go to Core services (protected persons, an alert's review, a case's review), rendered
/// over the real services and database: a field the Core validator refuses shows its Spanish message on that field and
/// changes nothing; a valid form reaches the service; a refusal of the service lands on the field it names.
/// </summary>
[Trait("Category", "Component")]
public class StaffFormPagesTests : StaffScenario
{
    private readonly BunitContext ui = new();

    public StaffFormPagesTests()
    {
        ui.JSInterop.Mode = JSRuntimeMode.Loose;
        ui.Services.AddMudServices();
        Share<ProtectedPersonService>();
        Share<MisuseAlertService>();
        Share<DisputeService>();
        Share<ChangeHistoryReader>();
        Share<ChangeHistorySearchService>();
        Share<Core.Features.Audit.AuditSearchService>();
        Share<IValidator<ChangeHistoryFilter>>();
        Share<IValidator<AlertFilter>>();
        Share<IValidator<ProtectedPersonInput>>();
        Share<IValidator<AlertAssignment>>();
        Share<IValidator<AlertClosing>>();
        Share<IValidator<CaseAssignment>>();
        Share<IValidator<CaseNote>>();
        Share<IValidator<CaseAnswer>>();
        Share<IValidator<CaseResolution>>();
        ui.Services.AddScoped<CurrentUser>();
    }

    public override async ValueTask DisposeAsync()
    {
        await ui.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>The page gets the host's own service (the host is created before each test runs).</summary>
    private void Share<T>() where T : class => ui.Services.AddSingleton(_ => Host.Get<T>());

    private IRenderedComponent<TPage> Open<TPage>(string user, string role, Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null, int? institution = null)
        where TPage : IComponent
    {
        var auth = ui.AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(role);
        if (institution is { } id) auth.SetClaims(new Claim(ConsultaClaimsPrincipalFactory.InstitutionClaim, id.ToString(CultureInfo.InvariantCulture)));
        ui.Render<MudPopoverProvider>();
        return ui.Render(parameters ?? (_ => { }));
    }

    private static void Click<T>(IRenderedComponent<T> page, string text) where T : IComponent =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text).Click();

    /// <summary>Picks a value in a select as the user's choice would (a name the list may not offer, as a stale page could).</summary>
    private static Task ChooseAsync<TPage, TValue>(IRenderedComponent<TPage> page, string inputId, TValue value) where TPage : class, IComponent
    {
        var select = page.FindComponents<MudSelect<TValue>>().Single(s => s.FindAll($"#{inputId}").Count > 0);
        return select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    [Fact]
    public async Task Protected_persons_a_bad_document_is_refused_on_its_field_a_good_one_is_added_and_a_duplicate_is_refused_on_its_field()
    {
        var page = Open<ProtectedPersonsPage>("admin@segip.demo", Roles.SegipAdmin);

        page.Find("#protegida-documento").Input("12-AB");
        page.Find("#protegida-motivo").Input("Alta autoridad del Estado");
        Click(page, "Agregar");

        page.WaitForAssertion(() => Assert.Contains("El número de documento tiene de 1 a 10 dígitos, sin complemento.", FieldText.Of(page, "#protegida-documento")));
        Assert.DoesNotContain("Indique el motivo", FieldText.Of(page, "#protegida-motivo"));
        await using (var db = await Db()) Assert.Equal(0, await db.ProtectedPersons.CountAsync());

        page.Find("#protegida-documento").Input("7654321");
        Click(page, "Agregar");
        page.WaitForAssertion(() => Assert.Contains("El documento 7654321 está protegido.", page.Markup));
        Assert.Contains("7654321", page.Find("[data-testid='protected-persons'] tbody").TextContent);

        page.Find("#protegida-documento").Input("7654321");
        page.Find("#protegida-motivo").Input("Otra vez la misma persona");
        Click(page, "Agregar");
        page.WaitForAssertion(() => Assert.Contains("El documento 7654321 ya está en la lista.", FieldText.Of(page, "#protegida-documento")));
        await using (var db = await Db()) Assert.Equal(1, await db.ProtectedPersons.CountAsync());
    }

    private async Task<long> NewAlertAsync()
    {
        await using var db = await Db();
        var alert = new MisuseAlert
        {
            Fingerprint = Guid.NewGuid().ToString("N"), Rule = MisuseRule.Enumeration, Severity = AlertSeverity.Medium, InstitutionId = Bank,
            EndUserCode = "BD-001", Day = Today, Explanation = "BD-001 consultó documentos consecutivos.", EvidenceCount = 1,
            FirstRecordUtc = Start.UtcDateTime, LastRecordUtc = Start.UtcDateTime,
        };
        db.MisuseAlerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    /// <summary>The search a list page ran last, as it writes it in the address.</summary>
    private string Address => ui.Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public void Change_history_an_unreadable_date_is_refused_on_its_field_and_nothing_is_searched_until_it_is_corrected()
    {
        var page = Open<ChangeHistoryPage>("auditor@segip.demo", Roles.Auditor);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='change-results']")));

        page.Find("#historial-usuario").Input("admin");
        page.Find("#historial-desde").Change("31/02/2026");
        page.Find("form[aria-label='Filtros del historial']").Submit();

        page.WaitForAssertion(() => Assert.Contains("La fecha 31/02/2026 no existe en el calendario.", FieldText.Of(page, "#historial-desde")));
        Assert.DoesNotContain("usuario=admin", Address);
        // What was typed stays, in the refused field too.
        Assert.Equal("admin", page.Find("#historial-usuario").GetAttribute("value"));
        Assert.Equal("31/02/2026", page.Find("#historial-desde").GetAttribute("value"));

        page.Find("#historial-desde").Change("01/02/2026");
        page.Find("form[aria-label='Filtros del historial']").Submit();
        page.WaitForAssertion(() => Assert.Contains("usuario=admin", Address));
        Assert.Contains("desde=2026-02-01", Address);
        Assert.DoesNotContain("no existe en el calendario", FieldText.Of(page, "#historial-desde"));
    }

    [Fact]
    public void Change_history_an_end_before_the_start_is_refused_on_the_end_field()
    {
        var page = Open<ChangeHistoryPage>("auditor@segip.demo", Roles.Auditor);

        page.Find("#historial-desde").Change("10/02/2026");
        page.Find("#historial-hasta").Change("01/02/2026");
        page.Find("form[aria-label='Filtros del historial']").Submit();

        page.WaitForAssertion(() => Assert.Contains("La fecha final no puede ser anterior a la inicial.", FieldText.Of(page, "#historial-hasta")));
    }

    [Fact]
    public void Alerts_an_unreadable_date_is_refused_on_its_field_and_nothing_is_searched_until_it_is_corrected()
    {
        var page = Open<AlertsPage>("auditor@segip.demo", Roles.Auditor);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='alert-results']")));

        page.Find("#alertas-hasta").Change("01/12/2026");
        page.Find("#alertas-desde").Change("2026-11-01");
        page.Find("form[aria-label='Filtros de alertas']").Submit();

        page.WaitForAssertion(() => Assert.Contains("La fecha debe tener el formato dd/mm/aaaa.", FieldText.Of(page, "#alertas-desde")));
        Assert.DoesNotContain("hasta=", Address);
        Assert.Equal("01/12/2026", page.Find("#alertas-hasta").GetAttribute("value"));
        Assert.Equal("2026-11-01", page.Find("#alertas-desde").GetAttribute("value"));

        page.Find("#alertas-desde").Change("01/11/2026");
        page.Find("form[aria-label='Filtros de alertas']").Submit();
        page.WaitForAssertion(() => Assert.Contains("hasta=2026-12-01", Address));
        Assert.Contains("desde=2026-11-01", Address);
    }

    [Fact]
    public void Alerts_an_end_before_the_start_is_refused_on_the_end_field()
    {
        var page = Open<AlertsPage>("auditor@segip.demo", Roles.Auditor);

        page.Find("#alertas-desde").Change("10/11/2026");
        page.Find("#alertas-hasta").Change("01/11/2026");
        page.Find("form[aria-label='Filtros de alertas']").Submit();

        page.WaitForAssertion(() => Assert.Contains("La fecha final no puede ser anterior a la inicial.", FieldText.Of(page, "#alertas-hasta")));
    }

    [Fact]
    public async Task Alert_a_short_conclusion_is_refused_on_its_field_an_unknown_reviewer_on_the_assignee_and_a_good_conclusion_closes_it()
    {
        var id = await NewAlertAsync();
        var page = Open<AlertDetailPage>("auditor@segip.demo", Roles.Auditor, p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Contains("BD-001 consultó documentos consecutivos.", page.Markup));

        page.Find("#alerta-conclusion").Input("corta");
        Click(page, "Cerrar la alerta");
        page.WaitForAssertion(() => Assert.Contains("Escriba la conclusión de la revisión (al menos 10 caracteres).", FieldText.Of(page, "#alerta-conclusion")));

        await ChooseAsync(page, "alerta-asignar", "nadie@ejemplo.bo");
        Click(page, "Asignar");
        page.WaitForAssertion(() => Assert.Contains("Solo se puede asignar a un auditor o administrador del SEGIP.", FieldText.Of(page, "#alerta-asignar")));
        await using (var db = await Db()) Assert.Equal(AlertState.New, (await db.MisuseAlerts.SingleAsync(a => a.Id == id)).State);

        page.Find("#alerta-conclusion").Input("Turno nocturno autorizado por el banco; sin uso indebido.");
        Click(page, "Cerrar la alerta");
        page.WaitForAssertion(() => Assert.Equal("Cerrada", page.Find("[data-testid='alert-state']").TextContent.Trim()));
        await using (var db = await Db()) Assert.Equal(AlertState.Closed, (await db.MisuseAlerts.SingleAsync(a => a.Id == id)).State);
    }

    private async Task<long> NewCaseAsync()
    {
        var outcome = await Host.Get<QueryGate>().ExecuteAsync(
            new QueryCaller { Channel = Channel.Web, InstitutionId = Bank, EndUserCode = "BD-001", ClientIp = "127.0.0.1" },
            new QueryRequest { DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Apertura de cuenta de ahorro" });
        long sequence;
        await using (var db = await Db()) sequence = await db.AuditRecords.Where(r => r.QueryId == outcome.QueryId).Select(r => r.Sequence).SingleAsync();
        var opened = await Host.Get<DisputeService>().OpenAsync(Actor.ForCitizen(1), sequence, "No tengo cuenta en este banco ni autoricé la consulta");
        Assert.True(opened.IsOk, opened.Message);
        return opened.Value;
    }

    [Fact]
    public async Task Case_an_empty_resolution_is_refused_on_its_fields_an_unknown_auditor_on_the_assignee_and_a_note_reaches_the_history()
    {
        var id = await NewCaseAsync();
        var page = Open<CaseDetailPage>("auditor@segip.demo", Roles.Auditor, p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Contains("No tengo cuenta en este banco", page.Find("[data-testid='case-reason']").TextContent));
        // An open case is resolved only once in review: the page offers what the service would accept.
        Assert.Empty(page.FindAll("[data-testid='case-resolve']"));
        await ChooseAsync(page, "caso-asignar", "auditor@segip.demo");
        Click(page, "Asignar");
        page.WaitForAssertion(() => Assert.Contains("En revisión", page.Find("[data-testid='case-state']").TextContent));

        Click(page, "Resolver");
        page.WaitForAssertion(() => Assert.Contains("Indique si el reclamo es fundado o infundado.", FieldText.Of(page, "#caso-resultado")));
        Assert.Contains("Escriba la respuesta para el ciudadano.", FieldText.Of(page, "#caso-resolucion"));
        // Only the resolution's form was checked: the note next to it shows nothing.
        Assert.DoesNotContain("Escriba la nota.", page.Markup);

        await ChooseAsync(page, "caso-asignar", "nadie@ejemplo.bo");
        Click(page, "Asignar");
        page.WaitForAssertion(() => Assert.Contains("Solo se puede asignar a un auditor.", FieldText.Of(page, "#caso-asignar")));

        page.Find("#caso-nota").Input("Se pidió al banco el formulario firmado");
        Click(page, "Agregar nota");
        page.WaitForAssertion(() => Assert.Contains("Nota agregada al historial.", page.Find("[data-testid='case-message']").TextContent));
        await using var db = await Db();
        Assert.True(await db.ChangeRecords.AnyAsync(c => c.EntityType == DisputeService.EntityType && c.EntityId == id.ToString(CultureInfo.InvariantCulture) && c.Action == "Nota"));
        // The refused resolution left the case in review.
        Assert.Equal(CaseState.InReview, (await db.DisputeCases.SingleAsync(c => c.Id == id)).State);
    }
}
