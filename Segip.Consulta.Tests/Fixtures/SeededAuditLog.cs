using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// A bitácora of 60 records appended through <see cref="AuditLog"/>, one a day from 20/11/2025 to
/// 18/01/2026 (Bolivian dates), spread over the demo institutions, channels, types and results. Tests
/// read it and compare the services' answers with <see cref="Records"/>.
/// </summary>
public class SeededAuditLog : IAsyncLifetime
{
    public static readonly DateTime FirstUtc = new(2025, 11, 20, 15, 0, 0, DateTimeKind.Utc);
    public const string PersonQueried = "1234567";
    public const string TrickyPurpose = "Crédito \"preferente\"; revisión, segunda vez";

    public CoreHost Host { get; private set; } = default!;
    public int Bank { get; private set; }
    public int Tse { get; private set; }
    public int Expired { get; private set; }
    public int BankAgreement { get; private set; }
    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    public static readonly Actor Auditor = new(DemoAccounts.Auditor, new HashSet<string> { Roles.Auditor }, null);
    public Actor BankAdmin => new(DemoAccounts.BankAdmin, new HashSet<string> { Roles.InstitutionAdmin }, Bank);

    /// <summary>The database it is built on; <see cref="SeededAuditLogOnPostgres"/> builds it on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    public async ValueTask InitializeAsync()
    {
        // Without a server the PostgreSQL tests skip themselves (TestPostgres.RequireServer); nothing to build.
        if (Engine == Engine.Postgres && TestPostgres.ServerConnectionString is null) return;
        var clock = new FakeTimeProvider(FirstUtc);
        Host = await CoreHost.CreateAsync(persons: 50, clock: clock, engine: Engine);
        await using (var db = await Host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            Bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
            Tse = await db.Institutions.Where(i => i.Name == DemoAccounts.TseName).Select(i => i.Id).SingleAsync();
            Expired = await db.Institutions.Where(i => i.Name == DemoAccounts.ExpiredName).Select(i => i.Id).SingleAsync();
            BankAgreement = await db.Agreements.Where(a => a.InstitutionId == Bank).Select(a => a.Id).FirstAsync();
        }
        var agreements = await AgreementsAsync();
        var log = Host.Get<AuditLog>();
        for (var i = 0; i < 60; i++)
        {
            clock.SetUtcNow(FirstUtc.AddDays(i));
            var institution = (i % 3) switch { 0 => Bank, 1 => Tse, _ => Expired };
            var result = (i % 4) switch { 0 => QueryResult.Found, 1 => QueryResult.NotFound, 2 => QueryResult.Refused, _ => QueryResult.Matched };
            var number = i % 10 == 0 ? PersonQueried : (3_000_000 + i).ToString();
            await log.AppendAsync(new AuditEntry
            {
                InstitutionId = institution,
                AgreementId = agreements[institution],
                EndUserCode = (i % 3) switch { 0 => "BD-001", 1 => "TSE-001", _ => "VEN-001" },
                Channel = i % 2 == 0 ? Channel.Web : Channel.WebService,
                ClientIp = "10.0.0." + i,
                QueryType = i % 5 == 0 ? QueryType.Verification : QueryType.Document,
                SearchKeys = $"CI {number}",
                DocumentNumber = number,
                DocumentType = DocumentType.IdentityCard, DocumentComplement = "",
                Purpose = i == 7 ? TrickyPurpose : i % 6 == 0 ? "Apertura de cuenta bancaria" : $"Verificación de identidad {i}",
                Result = result,
                RefusalReason = result == QueryResult.Refused ? RefusalReason.QuotaExhausted : null,
                DisclosedFields = result == QueryResult.Found ? "nombres,primerApellido" : "",
            });
        }
        await using var check = await Host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        Records = await check.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync();
    }

    private async Task<Dictionary<int, int?>> AgreementsAsync()
    {
        await using var db = await Host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var map = await db.Agreements.GroupBy(a => a.InstitutionId).Select(g => new { g.Key, Id = g.Min(a => a.Id) }).ToListAsync();
        return map.ToDictionary(x => x.Key, x => (int?)x.Id);
    }

    public AuditScope Scope(AuditSearchFilter filter, Actor? actor = null) =>
        Host.Get<AuditSearchService>().Authorize(actor ?? Auditor, filter).Value!;

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>The same bitácora on the test run's PostgreSQL server.</summary>
public sealed class SeededAuditLogOnPostgres : SeededAuditLog
{
    protected override Engine Engine => Engine.Postgres;
}
