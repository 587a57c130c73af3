using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// A log just past the search's count limit (<see cref="AuditSearchService.CountLimit"/>): 10 050 records,
/// 50 of them refused, over two days.
/// </summary>
[Trait("Category", "Integration")]
public class AuditSearchLimitTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private const int Records = AuditSearchService.CountLimit + 50;
    private static readonly DateTime FirstUtc = new(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc);
    private CoreHost host = default!;

    private AuditSearchService Search => host.Get<AuditSearchService>();

    public async ValueTask InitializeAsync()
    {
        var clock = new FakeTimeProvider(FirstUtc);
        host = await CoreHost.CreateAsync(persons: 10, clock: clock, engine: Engine);
        var log = host.Get<AuditLog>();
        for (var day = 0; day < 2; day++)
        {
            clock.SetUtcNow(FirstUtc.AddDays(day));
            // Appended together, so the writer commits them in a few large batches.
            await Task.WhenAll(Enumerable.Range(0, Records / 2).Select(i => log.AppendAsync(new AuditEntry
            {
                Channel = Channel.Web,
                QueryType = QueryType.Document,
                SearchKeys = $"CI {3_000_000 + i}",
                DocumentNumber = (3_000_000 + i).ToString(),
                Purpose = "Verificación de cliente",
                Result = i % 201 == 0 && i < 201 * 25 ? QueryResult.Refused : QueryResult.Found,
                RefusalReason = i % 201 == 0 && i < 201 * 25 ? RefusalReason.QuotaExhausted : null,
            })));
        }
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_search_past_the_limit_says_more_than_the_limit_and_still_pages()
    {
        var result = await Search.SearchAsync(SeededAuditLog.Auditor, new() { Channel = Channel.Web }, pageSize: 25);

        Assert.True(result.IsOk);
        Assert.True(result.Value!.IsTotalCapped);
        Assert.Equal(AuditSearchService.CountLimit, result.Value.Total);
        Assert.Equal(Enumerable.Range(Records - 24, 25).Reverse().Select(i => (long)i), result.Value.Rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Below_the_limit_and_for_dates_alone_the_count_is_exact()
    {
        var refused = await Search.SearchAsync(SeededAuditLog.Auditor, new() { Result = QueryResult.Refused });
        Assert.False(refused.Value!.IsTotalCapped);
        Assert.Equal(50, refused.Value.Total);

        var all = await Search.SearchAsync(SeededAuditLog.Auditor, new());
        Assert.False(all.Value!.IsTotalCapped);
        Assert.Equal(Records, all.Value.Total);

        var secondDay = DateOnly.FromDateTime(FirstUtc.AddDays(1));
        var oneDay = await Search.SearchAsync(SeededAuditLog.Auditor, new() { From = secondDay, To = secondDay }, descending: false);
        Assert.Equal(Records / 2, oneDay.Value!.Total);
        Assert.Equal(Records / 2 + 1, oneDay.Value.Rows[0].Sequence);
    }

    [Fact]
    public async Task Statistics_counted_again_include_the_records_appended_since()
    {
        var statistics = host.Get<AuditStatisticsService>();
        var scope = Search.Authorize(SeededAuditLog.Auditor, new()).Value!;
        var before = await statistics.ComputeAsync(scope);
        Assert.Equal(Records, before.Total);

        Agreement inForce;
        await using (var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            inForce = await db.Agreements.AsNoTracking().FirstAsync(a => a.Status == AgreementStatus.InForce);
        var (bank, agreement) = (inForce.InstitutionId, inForce.Id);
        Assert.Equal(0, before.Quotas.Single(q => q.AgreementNumber == inForce.Number).Used);
        await host.Get<AuditLog>().AppendAsync(new AuditEntry
        {
            InstitutionId = bank, AgreementId = agreement, EndUserCode = "BD-001", Channel = Channel.WebService,
            QueryType = QueryType.Document, SearchKeys = "CI 1234567", DocumentNumber = "1234567", Purpose = "Apertura de cuenta",
            Result = QueryResult.Found,
        });

        var after = await statistics.ComputeAsync(scope);
        Assert.Equal(Records + 1, after.Total);
        Assert.Equal(Records + 1, after.ByMonth.Single().Count);
        Assert.Equal(1, after.ByChannel.Single(c => c.Key == Channel.WebService).Count);
        Assert.Equal(1, after.ByInstitution.Single(i => i.Key == bank).Count);
        Assert.Equal(1, after.Quotas.Single(q => q.AgreementNumber == inForce.Number).Used);
    }

    [Fact]
    public async Task Exports_of_a_capped_search_write_every_record_and_the_background_job_counts_them()
    {
        var scope = Search.Authorize(SeededAuditLog.Auditor, new() { Channel = Channel.Web }).Value!;
        Assert.Equal(Records, await Search.CountAsync(scope));

        var jobs = host.Get<AuditExportJobs>();
        var job = await jobs.StartAsync(scope, AuditExportFormat.Csv, total: null);
        for (var i = 0; i < 600 && job.Status == ExportJobStatus.Running; i++) await Task.Delay(50);

        Assert.Equal(ExportJobStatus.Completed, job.Status);
        Assert.Equal(Records, job.Total);
        Assert.Equal(Records, job.Processed);
        var rows = Csv.Parse(Encoding.UTF8.GetString(File.ReadAllBytes((await jobs.CompletedAsync(job.Id, SeededAuditLog.Auditor.Name))!.FilePath)[3..]), ',');
        Assert.Equal(Records + 1, rows.Count);
    }
}
