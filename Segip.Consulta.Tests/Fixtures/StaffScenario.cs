using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Tests.Builders;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// A CoreHost on a fake clock (26/11/2026, Bolivian morning) with the demo institutions, one actor per
/// role, and shortcuts to draft and activate agreements.
/// </summary>
public abstract class StaffScenario : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);
    protected static readonly DateOnly Today = new(2026, 11, 26);

    protected readonly FakeTimeProvider Clock = new(Start);
    /// <summary>The database the tests run on; <see cref="Integration.ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;
    protected CoreHost Host = default!;
    protected int Bank, Tse, Expired;
    protected int BankAgreement, BasicLevel, CompleteLevel;

    public async ValueTask InitializeAsync()
    {
        Host = await CoreHost.CreateAsync(persons: 10, clock: Clock, engine: Engine);
        await using var db = await Db();
        Bank = await db.Institutions.Where(i => i.Name == "Banco Demo S.A.").Select(i => i.Id).SingleAsync();
        Tse = await db.Institutions.Where(i => i.Name == "Tribunal Supremo Electoral").Select(i => i.Id).SingleAsync();
        Expired = await db.Institutions.Where(i => i.Name == "Cooperativa Demo Vencida Ltda.").Select(i => i.Id).SingleAsync();
        BankAgreement = await db.Agreements.Where(a => a.Number == "CONV-DEMO-0001").Select(a => a.Id).SingleAsync();
        BasicLevel = await db.AccessLevels.Where(l => l.Code == StandardAccessLevels.Basico && l.IsCurrent).Select(l => l.Id).SingleAsync();
        CompleteLevel = await db.AccessLevels.Where(l => l.Code == StandardAccessLevels.Completo && l.IsCurrent).Select(l => l.Id).SingleAsync();
    }

    public virtual async ValueTask DisposeAsync() => await Host.DisposeAsync();

    protected Task<ConsultaDbContext> Db() => Host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();

    protected AgreementService Agreements => Host.Get<AgreementService>();

    protected static Actor Legal => new("juridico@segip.demo", new HashSet<string> { Roles.Legal }, null);
    protected static Actor SegipAdmin => new("admin@segip.demo", new HashSet<string> { Roles.SegipAdmin }, null);
    protected static Actor Auditor => new("auditor@segip.demo", new HashSet<string> { Roles.Auditor }, null);
    protected Actor BankAdmin => new("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, Bank);
    protected Actor BankOfficer => new("oficial@bancodemo.demo", new HashSet<string> { Roles.Officer }, Bank);

    protected AgreementInput Draft(int institutionId, string number = "CONV-2026-0100", DateOnly? from = null, DateOnly? to = null) => new()
    {
        InstitutionId = institutionId, Number = number, SignedOn = Today.AddDays(-2),
        ValidFrom = from ?? Today.AddDays(-1), ValidTo = to ?? Today.AddYears(1),
        AccessLevelId = BasicLevel, Channels = Channels.Web | Channels.WebService, MonthlyQuota = 1000,
        ContactName = "Lic. Rosa Apaza", ContactEmail = "rosa@inst.bo",
    };

    /// <summary>A new institution with a draft agreement (and its PDF when asked): the usual starting point.</summary>
    protected async Task<(int Institution, int Agreement)> NewDraftAsync(bool withDocument = true, string number = "CONV-2026-0100", DateOnly? to = null)
    {
        int institution;
        await using (var db = await Db())
        {
            var entity = new Institution { Name = "Institución " + number, Acronym = "INST", Type = InstitutionType.Publica, CreatedUtc = Start.UtcDateTime };
            db.Institutions.Add(entity);
            await db.SaveChangesAsync();
            institution = entity.Id;
        }
        var created = await Agreements.CreateAsync(Legal, Draft(institution, number, to: to));
        Assert.True(created.IsOk, created.Message);
        if (withDocument)
            Assert.True((await Agreements.AttachDocumentAsync(Legal, created.Value, "convenio.pdf", TestPdf.Create())).IsOk);
        return (institution, created.Value);
    }

    protected async Task<AgreementStatus> StatusOf(int agreementId)
    {
        await using var db = await Db();
        return await db.Agreements.Where(a => a.Id == agreementId).Select(a => a.Status).SingleAsync();
    }

    protected async Task<List<string>> HistoryOf(string entityType, string entityId)
    {
        await using var db = await Db();
        return await db.ChangeRecords.Where(c => c.EntityType == entityType && c.EntityId == entityId).OrderBy(c => c.Id).Select(c => c.Action).ToListAsync();
    }
}
