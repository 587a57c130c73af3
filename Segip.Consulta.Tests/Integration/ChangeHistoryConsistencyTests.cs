using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Tests.Builders;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// A staff change and its change-history row are one unit. When the history row cannot be written (a
/// trigger makes the database refuse it), the change itself must not be saved either: no institution,
/// agreement, document, amendment, end user, level, credential or account exists without its history.
/// </summary>
[Trait("Category", "Integration")]
public class ChangeHistoryConsistencyTests : StaffScenario
{
    public static TheoryData<string> Operations => new(
        "registrar institución", "editar institución", "crear convenio", "editar borrador", "adjuntar documento",
        "activar", "suspender", "adenda", "rescindir", "registrar usuario final", "editar usuario final",
        "inhabilitar usuario final", "acceso web", "crear nivel", "nueva versión de nivel", "eliminar nivel",
        "solicitar credencial");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_change_whose_history_row_cannot_be_written_is_not_saved(string operation)
    {
        var run = await PrepareAsync(operation);
        var before = await StateAsync();
        await using (var db = await Db())
            foreach (var sql in RefuseHistory) await db.Database.ExecuteSqlRawAsync(sql);

        await Assert.ThrowsAnyAsync<Exception>(run);

        Assert.Equal(before, await StateAsync());
    }

    /// <summary>A trigger that makes the database refuse every history row, in each engine's dialect.</summary>
    private string[] RefuseHistory => Engine == Engine.Postgres
        ?
        [
            "CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history refused'; END $$",
            "CREATE TRIGGER refuse_history BEFORE INSERT ON \"ChangeRecords\" FOR EACH ROW EXECUTE FUNCTION refuse_history()",
        ]
        : ["CREATE TRIGGER refuse_history BEFORE INSERT ON ChangeRecords BEGIN SELECT RAISE(ABORT, 'history refused'); END;"];

    [Fact]
    public async Task Creation_and_update_times_come_from_the_clock_at_save()
    {
        var (_, id) = await NewDraftAsync(withDocument: true);
        var created = Clock.GetUtcNow().UtcDateTime;
        Clock.Advance(TimeSpan.FromHours(3));
        Assert.True((await Agreements.ActivateAsync(Legal, id)).IsOk);

        await using var db = await Db();
        var agreement = await db.Agreements.SingleAsync(a => a.Id == id);
        Assert.Equal(created, agreement.CreatedUtc);
        Assert.Equal(created.AddHours(3), agreement.UpdatedUtc);
    }

    /// <summary>Sets up what the operation needs, and returns the operation itself.</summary>
    private async Task<Func<Task>> PrepareAsync(string operation)
    {
        var institutions = Host.Get<InstitutionService>();
        var endUsers = Host.Get<EndUserService>();
        var levels = Host.Get<AccessLevelService>();
        var pdf = TestPdf.Create();
        var institution = new InstitutionInput { Name = "Aduana Nacional", Acronym = "AN", Type = InstitutionType.Publica };
        var endUser = new EndUserInput { Code = "BD-900", DocumentNumber = "1234", FullName = "Usuario de prueba" };
        var level = new AccessLevelInput { Code = "PRUEBA", Name = "Prueba", Fields = [FieldCatalog.Nombres] };
        switch (operation)
        {
            case "registrar institución":
                return () => institutions.CreateAsync(Legal, institution);
            case "editar institución":
                return () => institutions.UpdateAsync(Legal, Tse, new InstitutionInput { Name = "Tribunal Supremo Electoral", Acronym = "TSE", Type = InstitutionType.Publica, Address = "Otra" });
            case "crear convenio":
                return () => Agreements.CreateAsync(Legal, Draft(Tse, "CONV-2026-0200"));
            case "editar borrador":
            {
                var (owner, draft) = await NewDraftAsync();
                return () => Agreements.UpdateAsync(Legal, draft, Draft(owner, "CONV-2026-0201"));
            }
            case "adjuntar documento":
            {
                var (_, draft) = await NewDraftAsync(withDocument: false);
                return () => Agreements.AttachDocumentAsync(Legal, draft, "convenio.pdf", pdf);
            }
            case "activar":
            {
                var (_, draft) = await NewDraftAsync();
                return () => Agreements.ActivateAsync(Legal, draft);
            }
            case "suspender":
                return () => Agreements.SuspendAsync(Legal, BankAgreement, "Motivo de la prueba");
            case "adenda":
                return () => Agreements.AddAmendmentAsync(Legal, BankAgreement, new AmendmentInput { Number = "AD-01", SignedOn = Today, NewMonthlyQuota = 7 }, "adenda.pdf", pdf);
            case "rescindir":
                return () => Agreements.TerminateAsync(Legal, BankAgreement, "Motivo de la prueba");
            case "registrar usuario final":
                return () => endUsers.RegisterAsync(BankAdmin, Bank, endUser);
            case "editar usuario final":
                return () => endUsers.UpdateAsync(BankAdmin, Bank, "BD-001", endUser);
            case "inhabilitar usuario final":
                return () => endUsers.DisableAsync(BankAdmin, Bank, "BD-001", "Motivo de la prueba");
            case "acceso web":
            {
                Assert.True((await endUsers.RegisterAsync(BankAdmin, Bank, endUser)).IsOk);
                var login = new OfficerLoginInput { Email = "nuevo@bancodemo.demo", Password = "Clave-Segura-2026!" };
                return async () => Assert.True((await Host.Get<OfficerLoginService>().CreateAsync(BankAdmin, Bank, endUser.Code!, login)).IsOk);
            }
            case "crear nivel":
                return () => levels.CreateAsync(Legal, level);
            case "nueva versión de nivel":
                return () => levels.UpdateAsync(Legal, CompleteLevel, new AccessLevelInput { Name = "Completo revisado", Fields = [FieldCatalog.Nombres] });
            case "eliminar nivel":
            {
                var created = await levels.CreateAsync(Legal, level);
                return () => levels.DeleteAsync(Legal, created.Value!.Id);
            }
            case "solicitar credencial":
                return () => Host.Get<CredentialService>().RequestAsync(BankAdmin, Bank, new CredentialInput { Description = "Core bancario" });
            default:
                throw new ArgumentException(operation);
        }
    }

    /// <summary>Everything a staff change can write, as one comparable text.</summary>
    private async Task<string> StateAsync()
    {
        await using var db = await Db();
        return JsonSerializer.Serialize(new
        {
            institutions = await db.Institutions.OrderBy(i => i.Id).Select(i => new { i.Id, i.Name, i.Address }).ToListAsync(),
            agreements = await db.Agreements.OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Number, a.Status, a.DocumentId, a.MonthlyQuota, a.AccessLevelId, a.UpdatedUtc }).ToListAsync(),
            amendments = await db.AgreementAmendments.CountAsync(),
            documents = await db.Documents.CountAsync(),
            endUsers = await db.EndUsers.OrderBy(u => u.Id).Select(u => new { u.Id, u.FullName, u.IsEnabled }).ToListAsync(),
            accounts = await db.Users.CountAsync(),
            levels = await db.AccessLevels.OrderBy(l => l.Id).Select(l => new { l.Id, l.IsCurrent }).ToListAsync(),
            credentials = await db.Credentials.CountAsync(),
            history = await db.ChangeRecords.CountAsync(),
        });
    }
}
