using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Builders;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class AgreementLifecycleTests : StaffScenario
{
    private static void AssertRefused<T>(ServiceResult<T> result, string message)
    {
        Assert.Equal(ServiceStatus.Conflict, result.Status);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public async Task Draft_is_activated_suspended_reactivated_and_terminated_with_every_step_in_the_history()
    {
        var (_, id) = await NewDraftAsync();
        Assert.True((await Agreements.ActivateAsync(Legal, id)).IsOk);
        Assert.True((await Agreements.SuspendAsync(Legal, id, "Incumplimiento de la cláusula quinta")).IsOk);
        Assert.Equal(AgreementStatus.Suspended, await StatusOf(id));
        Assert.True((await Agreements.ReactivateAsync(Legal, id, "Subsanó el incumplimiento")).IsOk);
        Assert.True((await Agreements.TerminateAsync(Legal, id, "Rescisión por mutuo acuerdo")).IsOk);
        Assert.Equal(AgreementStatus.Terminated, await StatusOf(id));

        Assert.Equal(["Creado en borrador", "Documento firmado adjuntado", "Activado", "Suspendido", "Reactivado", "Rescindido"],
            await HistoryOf(AgreementService.EntityType, id.ToString()));
        await using var db = await Db();
        var suspension = await db.ChangeRecords.SingleAsync(c => c.Action == "Suspendido");
        Assert.Contains("\"estado\":\"VIGENTE\"", suspension.Before);
        Assert.Contains("\"estado\":\"SUSPENDIDO\"", suspension.After);
        Assert.Contains("Incumplimiento de la cláusula quinta", suspension.After);
        Assert.Equal("juridico@segip.demo", suspension.UserName);
    }

    [Fact]
    public async Task Activation_needs_the_signed_pdf()
    {
        var (_, id) = await NewDraftAsync(withDocument: false);
        AssertRefused(await Agreements.ActivateAsync(Legal, id), "Adjunte el convenio firmado (PDF) antes de activarlo.");
        Assert.Equal(AgreementStatus.Draft, await StatusOf(id));
    }

    [Fact]
    public async Task Activation_needs_a_signing_date_and_dates_not_yet_past()
    {
        var (institution, id) = await NewDraftAsync();
        var noSignature = Draft(institution);
        noSignature.SignedOn = null;
        Assert.True((await Agreements.UpdateAsync(Legal, id, noSignature)).IsOk);
        AssertRefused(await Agreements.ActivateAsync(Legal, id), "Indique la fecha de firma antes de activar el convenio.");

        Assert.True((await Agreements.UpdateAsync(Legal, id, Draft(institution, from: Today.AddYears(-2), to: Today.AddDays(-1)))).IsOk);
        AssertRefused(await Agreements.ActivateAsync(Legal, id), "La vigencia del convenio ya terminó; corrija las fechas antes de activarlo.");
        Assert.Equal(AgreementStatus.Draft, await StatusOf(id));
    }

    [Fact]
    public async Task An_institution_has_at_most_one_agreement_in_force()
    {
        var second = await Agreements.CreateAsync(Legal, Draft(Bank, "CONV-2026-0200"));
        Assert.True((await Agreements.AttachDocumentAsync(Legal, second.Value, "c.pdf", TestPdf.Create())).IsOk);

        AssertRefused(await Agreements.ActivateAsync(Legal, second.Value),
            "La institución ya tiene el convenio vigente CONV-DEMO-0001; suspéndalo o rescíndalo primero.");

        // Suspending the first lets the second in; the first then cannot come back while the second is in force.
        Assert.True((await Agreements.SuspendAsync(Legal, BankAgreement, "Reemplazo por convenio nuevo")).IsOk);
        Assert.True((await Agreements.ActivateAsync(Legal, second.Value)).IsOk);
        AssertRefused(await Agreements.ReactivateAsync(Legal, BankAgreement, "Intento de volver"),
            "La institución ya tiene el convenio vigente CONV-2026-0200; suspéndalo o rescíndalo primero.");
    }

    [Fact]
    public async Task Suspend_and_reactivate_need_a_reason()
    {
        var missing = await Agreements.SuspendAsync(Legal, BankAgreement, "  ");
        Assert.Equal(ServiceStatus.Invalid, missing.Status);
        Assert.Equal(["Indique el motivo."], missing.Errors[StatusReason.Field]);
        Assert.Equal(["El motivo debe tener al menos 5 caracteres."], (await Agreements.SuspendAsync(Legal, BankAgreement, "no")).Errors[StatusReason.Field]);
        Assert.Equal(AgreementStatus.InForce, await StatusOf(BankAgreement));

        Assert.True((await Agreements.SuspendAsync(Legal, BankAgreement, "Auditoría en curso")).IsOk);
        Assert.Equal(ServiceStatus.Invalid, (await Agreements.ReactivateAsync(Legal, BankAgreement, null)).Status);
        Assert.Equal(ServiceStatus.Invalid, (await Agreements.TerminateAsync(Legal, BankAgreement, "")).Status);
        Assert.Equal(AgreementStatus.Suspended, await StatusOf(BankAgreement));
    }

    [Fact]
    public async Task Forbidden_transitions_are_refused_and_change_nothing()
    {
        var (_, draft) = await NewDraftAsync();
        AssertRefused(await Agreements.SuspendAsync(Legal, draft, "Motivo válido"), "Solo se suspende un convenio vigente; este está borrador.");
        AssertRefused(await Agreements.ReactivateAsync(Legal, draft, "Motivo válido"), "Solo se reactiva un convenio suspendido; este está borrador.");
        AssertRefused(await Agreements.ReactivateAsync(Legal, BankAgreement, "Motivo válido"), "Solo se reactiva un convenio suspendido; este está vigente.");
        AssertRefused(await Agreements.ActivateAsync(Legal, BankAgreement), "Solo se activa un convenio en borrador; este está vigente.");
        Assert.Equal(AgreementStatus.InForce, await StatusOf(BankAgreement));
    }

    [Fact]
    public async Task Rescinded_is_final()
    {
        var (_, id) = await NewDraftAsync();
        Assert.True((await Agreements.TerminateAsync(Legal, id, "Desistimiento de la institución")).IsOk);

        AssertRefused(await Agreements.ActivateAsync(Legal, id), "Solo se activa un convenio en borrador; este está rescindido.");
        AssertRefused(await Agreements.ReactivateAsync(Legal, id, "Motivo válido"), "Solo se reactiva un convenio suspendido; este está rescindido.");
        AssertRefused(await Agreements.SuspendAsync(Legal, id, "Motivo válido"), "Solo se suspende un convenio vigente; este está rescindido.");
        AssertRefused(await Agreements.TerminateAsync(Legal, id, "Motivo válido"), "El convenio ya está rescindido.");
        AssertRefused(await Agreements.UpdateAsync(Legal, id, Draft(Bank)), "Solo se edita un convenio en borrador; los cambios a un convenio activado se hacen con una adenda.");
        Assert.Equal(AgreementStatus.Terminated, await StatusOf(id));
    }

    [Fact]
    public async Task Expired_cannot_be_reactivated_terminated_or_amended()
    {
        await using var db = await Db();
        var expired = await db.Agreements.Where(a => a.Number == "CONV-DEMO-0003").Select(a => a.Id).SingleAsync();

        AssertRefused(await Agreements.ReactivateAsync(Legal, expired, "Renovación"), "Un convenio vencido no se puede reactivar; firme un convenio nuevo.");
        AssertRefused(await Agreements.TerminateAsync(Legal, expired, "Rescisión"), "El convenio ya venció; no se puede rescindir.");
        AssertRefused(await Agreements.AddAmendmentAsync(Legal, expired, new AmendmentInput { Number = "AD-1", SignedOn = Today, NewValidTo = Today.AddYears(1) }, "a.pdf", TestPdf.Create()),
            "Un convenio vencido no admite adendas.");
        Assert.Equal(AgreementStatus.Expired, await StatusOf(expired));
    }

    [Fact]
    public async Task A_suspended_agreement_past_its_end_date_cannot_be_reactivated()
    {
        var (_, id) = await NewDraftAsync(to: Today.AddDays(10));
        Assert.True((await Agreements.ActivateAsync(Legal, id)).IsOk);
        Assert.True((await Agreements.SuspendAsync(Legal, id, "Revisión de accesos")).IsOk);
        Clock.Advance(TimeSpan.FromDays(11));
        AssertRefused(await Agreements.ReactivateAsync(Legal, id, "Revisión concluida"), "La vigencia del convenio ya terminó; no se puede reactivar.");
    }

    [Fact]
    public async Task Only_drafts_are_edited_and_only_drafts_take_a_new_document()
    {
        AssertRefused(await Agreements.UpdateAsync(Legal, BankAgreement, Draft(Bank, "CONV-DEMO-0001")),
            "Solo se edita un convenio en borrador; los cambios a un convenio activado se hacen con una adenda.");
        AssertRefused(await Agreements.AttachDocumentAsync(Legal, BankAgreement, "x.pdf", TestPdf.Create()),
            "El documento firmado solo se adjunta mientras el convenio está en borrador; después, con una adenda.");
    }

    [Fact]
    public async Task Signed_document_is_checked_hashed_and_downloadable()
    {
        var (_, id) = await NewDraftAsync(withDocument: false);
        Assert.Equal(["El archivo no es un PDF."], (await Agreements.AttachDocumentAsync(Legal, id, "x.pdf", "hola"u8.ToArray())).Errors["Document"]);
        Assert.Equal(["Adjunte el documento firmado en PDF."], (await Agreements.AttachDocumentAsync(Legal, id, "x.pdf", [])).Errors["Document"]);
        var tooBig = new byte[SignedDocument.MaxBytes + 1];
        "%PDF-"u8.CopyTo(tooBig);
        Assert.Equal(["El documento no puede pasar de 10 MB."], (await Agreements.AttachDocumentAsync(Legal, id, "x.pdf", tooBig)).Errors["Document"]);

        var pdf = TestPdf.Create();
        var attached = await Agreements.AttachDocumentAsync(Legal, id, "/tmp/../Convenio firmado.pdf", pdf);
        Assert.True(attached.IsOk);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), attached.Value!.Sha256);
        Assert.Equal("Convenio firmado.pdf", attached.Value.FileName);

        var download = await Agreements.GetDocumentAsync(Auditor, attached.Value.Id);
        Assert.Equal(pdf, download.Value!.Content);
        Assert.Equal("application/pdf", download.Value.ContentType);
        Assert.Equal(ServiceStatus.Forbidden, (await Agreements.GetDocumentAsync(BankAdmin, attached.Value.Id)).Status);
        Assert.Equal(["Creado en borrador", "Documento firmado adjuntado"], await HistoryOf(AgreementService.EntityType, id.ToString()));
    }

    [Fact]
    public async Task Amendment_with_its_own_pdf_changes_level_dates_quota_and_channels_and_is_kept()
    {
        var amendment = new AmendmentInput
        {
            Number = "ad-01", SignedOn = Today, Description = "Amplía el nivel y la vigencia",
            NewAccessLevelId = CompleteLevel, NewValidTo = new DateOnly(2030, 12, 31), NewMonthlyQuota = 5000, NewChannels = Channels.Web,
        };
        var added = await Agreements.AddAmendmentAsync(Legal, BankAgreement, amendment, "adenda.pdf", TestPdf.Create("Adenda 1"));
        Assert.True(added.IsOk, added.Message);

        var detail = (await Agreements.GetAsync(Auditor, BankAgreement)).Value!;
        Assert.Equal(StandardAccessLevels.Completo, detail.LevelCode);
        Assert.Equal(new DateOnly(2030, 12, 31), detail.Data.ValidTo);
        Assert.Equal(5000, detail.Data.MonthlyQuota);
        Assert.Equal(Channels.Web, detail.Data.Channels);
        var kept = Assert.Single(detail.Amendments);
        Assert.Equal("AD-01", kept.Number);
        Assert.Equal("adenda.pdf", kept.Document!.FileName);
        Assert.Equal($"{StandardAccessLevels.Completo} v1", kept.NewLevel);
        Assert.Equal(["Adenda AD-01"], await HistoryOf(AgreementService.EntityType, BankAgreement.ToString()));

        Assert.Equal(ServiceStatus.Conflict, (await Agreements.AddAmendmentAsync(Legal, BankAgreement, amendment, "a.pdf", TestPdf.Create())).Status);
    }

    [Fact]
    public async Task Amendment_needs_a_change_a_pdf_and_sane_dates()
    {
        var empty = await Agreements.AddAmendmentAsync(Legal, BankAgreement, new AmendmentInput { Number = "AD-2" }, "a.txt", null);
        Assert.Equal(ServiceStatus.Invalid, empty.Status);
        Assert.Equal(["La adenda debe cambiar al menos el nivel, la fecha de fin, la cuota o los canales."], empty.Errors[nameof(AmendmentInput.Description)]);
        Assert.Equal(["Indique la fecha de firma de la adenda."], empty.Errors[nameof(AmendmentInput.SignedOn)]);
        Assert.Equal(["Adjunte el documento firmado en PDF."], empty.Errors["Document"]);

        var backwards = await Agreements.AddAmendmentAsync(Legal, BankAgreement,
            new AmendmentInput { Number = "AD-2", SignedOn = Today, NewValidTo = new DateOnly(2020, 1, 1) }, "a.pdf", TestPdf.Create());
        Assert.Equal(["La nueva fecha de fin debe ser posterior al inicio de vigencia."], backwards.Errors[nameof(AmendmentInput.NewValidTo)]);

        var (_, draft) = await NewDraftAsync();
        AssertRefused(await Agreements.AddAmendmentAsync(Legal, draft, new AmendmentInput { Number = "AD-1", SignedOn = Today, NewMonthlyQuota = 10 }, "a.pdf", TestPdf.Create()),
            "Un convenio en borrador se edita directamente; las adendas son para convenios activados.");
        await using var db = await Db();
        Assert.Equal(0, await db.AgreementAmendments.CountAsync());
    }

    [Fact]
    public async Task Draft_input_is_validated_and_numbers_are_unique()
    {
        var invalid = await Agreements.CreateAsync(Legal, new AgreementInput
        {
            InstitutionId = Bank, Number = "x", ValidFrom = Today, ValidTo = Today.AddDays(-1), Channels = Channels.None,
            MonthlyQuota = 0, IpAllowlist = "10.0.0.0/8, banco", ContactEmail = "no-es-correo",
        });
        Assert.Equal(ServiceStatus.Invalid, invalid.Status);
        Assert.Equal(["El número debe tener de 3 a 40 letras, dígitos, guiones o barras, por ejemplo CONV-2026-0012."], invalid.Errors[nameof(AgreementInput.Number)]);
        Assert.Equal(["La fecha de fin debe ser posterior a la de inicio."], invalid.Errors[nameof(AgreementInput.ValidTo)]);
        Assert.Equal(["Elija el nivel de acceso."], invalid.Errors[nameof(AgreementInput.AccessLevelId)]);
        Assert.Equal(["Elija al menos un canal."], invalid.Errors[nameof(AgreementInput.Channels)]);
        Assert.Equal(["La cuota mensual debe ser un número positivo (o vacía, sin límite)."], invalid.Errors[nameof(AgreementInput.MonthlyQuota)]);
        Assert.Equal(["«banco» no es una dirección IP ni un bloque CIDR válido."], invalid.Errors[nameof(AgreementInput.IpAllowlist)]);
        Assert.Equal(["El correo electrónico no es válido."], invalid.Errors[nameof(AgreementInput.ContactEmail)]);

        var duplicate = await Agreements.CreateAsync(Legal, Draft(Bank, "conv-demo-0001"));
        Assert.Equal(ServiceStatus.Conflict, duplicate.Status);
        Assert.Equal("Ya existe un convenio con el número CONV-DEMO-0001.", duplicate.Message);
        await using var db = await Db();
        Assert.Equal(0, await db.ChangeRecords.CountAsync());
    }

    [Fact]
    public async Task Suspending_refuses_the_next_query_of_every_channel_at_once()
    {
        var gate = Host.Get<QueryGate>();
        var request = new QueryRequest { Type = QueryType.Document, DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Apertura de cuenta" };
        QueryCaller Caller(Channel channel) => new() { Channel = channel, InstitutionId = Bank, EndUserCode = "BD-001", ClientIp = "127.0.0.1" };
        Assert.Equal(QueryResult.Found, (await gate.ExecuteAsync(Caller(Channel.Web), request)).Result);

        Assert.True((await Agreements.SuspendAsync(Legal, BankAgreement, "Auditoría en curso")).IsOk);

        foreach (var channel in new[] { Channel.Web, Channel.WebService })
        {
            var refused = await gate.ExecuteAsync(Caller(channel), request);
            Assert.Equal(RefusalReason.AgreementNotInForce, refused.Refusal);
        }
    }
}
