using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class EndUserServiceTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private CoreHost host = default!;
    private int bank, tse;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.CreateAsync(persons: 10, engine: Engine);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        bank = await db.Institutions.Where(i => i.Name == "Banco Demo S.A.").Select(i => i.Id).SingleAsync();
        tse = await db.Institutions.Where(i => i.Name == "Tribunal Supremo Electoral").Select(i => i.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private EndUserService Service => host.Get<EndUserService>();
    private Actor BankAdmin => new("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, bank);

    private static EndUserInput Input(string code = "bd-010") => new()
    {
        Code = code, DocumentNumber = "3344556", FullName = "Carla Méndez Rojas", Position = "Oficial", Email = "Carla@Banco.bo",
    };

    [Fact]
    public async Task Institution_admin_registers_edits_disables_and_enables_its_end_user_with_history()
    {
        var registered = await Service.RegisterAsync(BankAdmin, bank, Input());
        Assert.True(registered.IsOk, registered.Message);
        Assert.Equal("BD-010", registered.Value!.Code);
        Assert.Equal("carla@banco.bo", registered.Value.Email);

        var edited = await Service.UpdateAsync(BankAdmin, bank, "BD-010", new EndUserInput { DocumentNumber = "3344556", FullName = "Carla Méndez Rojas de Paz", Position = "Jefa de oficina" });
        Assert.Equal("Jefa de oficina", edited.Value!.Position);
        Assert.True(edited.IsOk);
        var disabled = await Service.DisableAsync(BankAdmin, bank, "bd-010", "Dejó la institución");
        Assert.False(disabled.Value!.IsEnabled);
        Assert.Equal("Dejó la institución", disabled.Value.DisabledReason);
        Assert.True((await Service.EnableAsync(BankAdmin, bank, "BD-010")).Value!.IsEnabled);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var history = await db.ChangeRecords.Where(c => c.EntityType == EndUserService.EntityType && c.EntityId == $"{bank}:BD-010")
            .OrderBy(c => c.Id).Select(c => c.Action).ToListAsync();
        Assert.Equal(["Registrado", "Editado", "Inhabilitado", "Habilitado"], history);
        var disable = await db.ChangeRecords.Where(c => c.Action == "Inhabilitado").SingleAsync();
        Assert.Contains("\"habilitado\":true", disable.Before);
        Assert.Contains("\"habilitado\":false", disable.After);
        Assert.Equal("admin@bancodemo.demo", disable.UserName);
    }

    [Fact]
    public async Task Institution_admin_can_never_reach_another_institutions_end_users()
    {
        Assert.Equal(ServiceStatus.Forbidden, (await Service.ListAsync(BankAdmin, tse)).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.RegisterAsync(BankAdmin, tse, Input())).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.DisableAsync(BankAdmin, tse, "TSE-001", "x")).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.UpdateAsync(BankAdmin, tse, "TSE-001", Input("TSE-001"))).Status);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.True(await db.EndUsers.Where(u => u.Code == "TSE-001").Select(u => u.IsEnabled).SingleAsync());
    }

    [Fact]
    public async Task Legal_and_admin_reach_any_institution_but_officers_and_auditors_none()
    {
        var legal = new Actor("juridico", new HashSet<string> { Roles.Legal }, null);
        var auditor = new Actor("auditor", new HashSet<string> { Roles.Auditor }, null);
        var officer = new Actor("oficial", new HashSet<string> { Roles.Officer }, bank);
        Assert.True((await Service.ListAsync(legal, tse)).IsOk);
        Assert.True((await Service.ListAsync(Actor.System, tse)).IsOk);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.ListAsync(auditor, bank)).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.ListAsync(officer, bank)).Status);
    }

    [Fact]
    public async Task Invalid_or_duplicate_input_is_refused_with_spanish_messages_and_changes_nothing()
    {
        var invalid = await Service.RegisterAsync(BankAdmin, bank, new EndUserInput { Code = "con espacio", DocumentNumber = "12a", FullName = "", Email = "no-es-correo" });
        Assert.Equal(ServiceStatus.Invalid, invalid.Status);
        Assert.Equal(["El código debe tener hasta 40 letras, dígitos, puntos, guiones o guiones bajos, sin espacios."], invalid.Errors[nameof(EndUserInput.Code)]);
        Assert.Equal(["El número de documento debe tener de 1 a 10 dígitos."], invalid.Errors[nameof(EndUserInput.DocumentNumber)]);
        Assert.Equal(["Indique el nombre completo."], invalid.Errors[nameof(EndUserInput.FullName)]);
        Assert.Equal(["El correo electrónico no es válido."], invalid.Errors[nameof(EndUserInput.Email)]);

        var duplicate = await Service.RegisterAsync(BankAdmin, bank, Input("BD-001"));
        Assert.Equal(ServiceStatus.Conflict, duplicate.Status);
        Assert.Equal("Ya existe un usuario final con el código BD-001 en la institución.", duplicate.Message);

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.EndUsers.CountAsync(u => u.InstitutionId == bank));
        Assert.Equal(0, await db.ChangeRecords.CountAsync());
    }

    [Fact]
    public async Task Unknown_end_user_is_reported_as_not_found()
    {
        var result = await Service.DisableAsync(BankAdmin, bank, "NO-EXISTE", null);
        Assert.Equal(ServiceStatus.NotFound, result.Status);
        Assert.Equal("No existe el usuario final NO-EXISTE en la institución.", result.Message);
    }
}
