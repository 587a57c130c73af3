using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// A certificate issuance is audited like a query (CERTIFICADO/EMITIDO) but is not one: the statistics count
/// queries and issuances apart, per month and in total.
/// </summary>
public class AuditStatisticsCertificateTests : IAsyncLifetime
{
    protected virtual Engine Engine => Engine.Sqlite;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 12, 10, 15, 0, 0, TimeSpan.Zero));
    private CoreHost host = default!;
    private int bank;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.CreateAsync(persons: 10, clock: clock, engine: Engine);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        bank = await db.Institutions.Where(i => i.Name == DemoAccounts.BankName).Select(i => i.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task AppendAsync(QueryType type, QueryResult result)
    {
        clock.Advance(TimeSpan.FromHours(1));
        await host.Get<AuditLog>().AppendAsync(new AuditEntry
        {
            InstitutionId = bank, EndUserCode = "BD-001", Channel = Channel.Web, ClientIp = "10.0.0.1", QueryType = type,
            SearchKeys = "CI 1234567", DocumentNumber = "1234567", Purpose = "Apertura de caja de ahorro", Result = result,
            RefusalReason = result == QueryResult.Refused ? RefusalReason.QuotaExhausted : null,
            CertificateNumber = result == QueryResult.Issued ? $"CERT-{Guid.NewGuid():N}"[..20] : null,
        });
    }

    [Fact]
    public async Task Certificate_issuances_are_counted_apart_from_queries_per_month_and_in_total()
    {
        await AppendAsync(QueryType.Document, QueryResult.Found);
        await AppendAsync(QueryType.Certificate, QueryResult.Issued);
        await AppendAsync(QueryType.Document, QueryResult.NotFound);
        await AppendAsync(QueryType.Certificate, QueryResult.Issued);
        await AppendAsync(QueryType.Document, QueryResult.Refused);
        clock.SetUtcNow(new DateTimeOffset(2026, 1, 15, 15, 0, 0, TimeSpan.Zero));
        await AppendAsync(QueryType.Verification, QueryResult.Matched);
        await AppendAsync(QueryType.Certificate, QueryResult.Issued);

        var scope = host.Get<AuditSearchService>().Authorize(SeededAuditLog.Auditor, new AuditSearchFilter()).Value!;
        var stats = await host.Get<AuditStatisticsService>().ComputeAsync(scope);

        Assert.Equal(4, stats.Total);
        Assert.Equal(3, stats.CertificatesIssued);
        Assert.Equal([(2025, 12, 3, 2), (2026, 1, 1, 1)], stats.ByMonth.Select(m => (m.Year, m.Month, m.Count, m.CertificatesIssued)));
        Assert.Equal([(2025, 3), (2026, 1)], stats.ByYear.Select(y => (y.Key, y.Count)));
        Assert.DoesNotContain(stats.ByResult, r => r.Key == QueryResult.Issued);
        Assert.Equal(4, stats.ByResult.Sum(r => r.Count));
        Assert.Equal(4, stats.ByInstitution.Single(i => i.Key == bank).Count);
    }
}
