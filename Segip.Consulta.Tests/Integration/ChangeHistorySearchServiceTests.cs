using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class ChangeHistorySearchServiceTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private CoreHost host = default!;
    private int bank, tse;
    private Actor BankAdmin => new("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, bank);
    private Actor TseAdmin => new("admin@tse.demo", new HashSet<string> { Roles.InstitutionAdmin }, tse);
    private static readonly Actor Auditor = new("auditor@segip.demo", new HashSet<string> { Roles.Auditor }, null);

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.CreateAsync(persons: 10, engine: Engine);
        await using (var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            bank = await db.Institutions.Where(i => i.Name == "Banco Demo S.A.").Select(i => i.Id).SingleAsync();
            tse = await db.Institutions.Where(i => i.Name == "Tribunal Supremo Electoral").Select(i => i.Id).SingleAsync();
        }
        var endUsers = host.Get<EndUserService>();
        Assert.True((await endUsers.RegisterAsync(BankAdmin, bank, new EndUserInput { Code = "BD-020", DocumentNumber = "5551112", FullName = "Ana Vargas" })).IsOk);
        Assert.True((await endUsers.RegisterAsync(TseAdmin, tse, new EndUserInput { Code = "TSE-020", DocumentNumber = "5551113", FullName = "Luis Choque" })).IsOk);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private ChangeHistorySearchService History => host.Get<ChangeHistorySearchService>();

    [Fact]
    public async Task Auditor_finds_changes_by_type_user_and_entity()
    {
        var all = await History.SearchAsync(Auditor, new() { EntityType = EndUserService.EntityType });
        Assert.True(all.IsOk);
        Assert.Contains(all.Value!.Rows, r => r.EntityId == $"{bank}:BD-020" && r.InstitutionName == "Banco Demo S.A." && r.After!.Contains("Ana Vargas"));
        Assert.Contains(all.Value.Rows, r => r.EntityId == $"{tse}:TSE-020");

        var byUser = await History.SearchAsync(Auditor, new() { UserName = "bancodemo" });
        Assert.All(byUser.Value!.Rows, r => Assert.Equal("admin@bancodemo.demo", r.UserName));
        Assert.NotEmpty(byUser.Value.Rows);

        var today = BoliviaClock.Today(TimeProvider.System);
        var future = await History.SearchAsync(Auditor, new() { From = today.AddDays(1) });
        Assert.Equal(0, future.Value!.Total);
    }

    [Fact]
    public async Task Institution_admin_sees_only_its_institution_changes()
    {
        var own = await History.SearchAsync(BankAdmin, new());
        Assert.True(own.IsOk);
        Assert.NotEmpty(own.Value!.Rows);
        Assert.All(own.Value.Rows, r => Assert.Equal(bank, r.InstitutionId));

        Assert.Equal(ServiceStatus.Forbidden, (await History.SearchAsync(BankAdmin, new() { InstitutionId = tse })).Status);
        var officer = new Actor("oficial", new HashSet<string> { Roles.Officer }, bank);
        Assert.Equal(ServiceStatus.Forbidden, (await History.SearchAsync(officer, new())).Status);
        var invalid = await History.SearchAsync(Auditor, new() { From = new DateOnly(2026, 2, 2), To = new DateOnly(2026, 2, 1) });
        Assert.Equal(["La fecha final no puede ser anterior a la inicial."], invalid.Errors[nameof(ChangeHistoryFilter.To)]);
    }
}
