using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Bench.AuditSeed;

/// <summary>
/// Times the searches auditors run, through the app's own <see cref="AuditSearchService"/> (count and first
/// page of 25, newest first, as /bitacora issues them) and <see cref="AuditStatisticsService"/>: each case
/// once to warm the cache (its time is printed as the first run), then the median of <c>runs</c>. Rows marked
/// "(página)" carry the default period the search form fills in when no key filter is given.
/// </summary>
public static class SearchTimings
{
    private static readonly Actor Auditor = new("auditor@segip.demo", new HashSet<string> { Roles.Auditor }, null);

    private static readonly Actor Citizen = Actor.ForCitizen(long.Parse(AuditSeeder.KnownDocument, CultureInfo.InvariantCulture));

    private sealed record Case(string Name, Func<Task<string>> Run);

    public static async Task RunAsync(IServiceProvider services, int runs, string? only)
    {
        var search = services.GetRequiredService<AuditSearchService>();
        var citizens = services.GetRequiredService<Core.Features.Citizens.CitizenQueryService>();
        var statistics = services.GetRequiredService<AuditStatisticsService>();
        var contexts = services.GetRequiredService<IDbContextFactory<ConsultaDbContext>>();

        int institution, agreement;
        DateTime lastUtc;
        long records;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            institution = await db.Institutions.Where(i => i.Acronym == "I001").Select(i => i.Id).SingleAsync();
            agreement = await db.Agreements.Where(a => a.InstitutionId == institution).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            lastUtc = await db.AuditRecords.OrderByDescending(r => r.Sequence).Select(r => r.TimestampUtc).FirstAsync();
            records = await db.AuditRecords.OrderByDescending(r => r.Sequence).Select(r => r.Sequence).FirstAsync();
        }
        var today = DateOnly.FromDateTime(BoliviaClock.ToLocal(lastUtc));
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var formToday = BoliviaClock.Today(TimeProvider.System);
        AuditSearchFilter AsPage(AuditSearchFilter f) => f.WithDefaultPeriod(formToday);

        Case Page(string name, AuditSearchFilter filter, AuditSort sort = AuditSort.Time) => new(name, async () =>
        {
            var result = await search.SearchAsync(Auditor, filter, sort, descending: true, page: 0, pageSize: 25);
            if (!result.IsOk) throw new InvalidOperationException(result.Message);
            return Count(result.Value!);
        });

        var cases = new List<Case>
        {
            Page($"documento {AuditSeeder.KnownDocument}", new() { DocumentNumber = AuditSeeder.KnownDocument }),
            new($"persona {AuditSeeder.KnownDocument} (AuditSubjects)", async () =>
            {
                var result = await search.ByPersonAsync(Auditor, long.Parse(AuditSeeder.KnownDocument, CultureInfo.InvariantCulture), pageSize: 25);
                if (!result.IsOk) throw new InvalidOperationException(result.Message);
                return result.Value!.Total.ToString("N0", CultureInfo.InvariantCulture);
            }),
            // The citizen's /mis-datos: the first page and the filter options, both from the subject link.
            new($"ciudadano {AuditSeeder.KnownDocument}: /mis-datos, primera página", async () =>
            {
                var result = await citizens.SearchAsync(Citizen, new Core.Features.Citizens.CitizenQueryFilter());
                if (!result.IsOk) throw new InvalidOperationException(result.Message);
                return result.Value!.Total.ToString("N0", CultureInfo.InvariantCulture);
            }),
            new($"ciudadano {AuditSeeder.KnownDocument}: años e instituciones del filtro", async () =>
            {
                var options = await citizens.FilterOptionsAsync(Citizen);
                return options.Institutions.Count.ToString("N0", CultureInfo.InvariantCulture);
            }),
            Page("toda la bitácora, página más reciente", new()),
            Page($"institución I001 + un mes ({monthStart:MM/yyyy})", new() { InstitutionId = institution, From = monthStart, To = monthEnd }),
            // Since Issue20AuditIndexes an agreement is searched through its institution's index (no agreement index).
            Page("convenio de I001 (sin institución)", new() { AgreementId = agreement }),
            Page($"convenio de I001 + un mes ({monthStart:MM/yyyy})", new() { AgreementId = agreement, From = monthStart, To = monthEnd }),
            Page("institución I001 + usuario final I001-001", new() { InstitutionId = institution, EndUserCode = AuditSeeder.EndUserCode("I001", 1) }),
            Page("(página) toda la bitácora: últimos 30 días", AsPage(new())),
            Page("solo resultado DENEGADO", new() { Result = QueryResult.Refused }),
            Page("(página) solo resultado DENEGADO, últimos 30 días", AsPage(new() { Result = QueryResult.Refused })),
            Page("solo finalidad «cobranza»", new() { PurposeText = "cobranza" }),
            Page("(página) solo finalidad «cobranza», últimos 30 días", AsPage(new() { PurposeText = "cobranza" })),
            Page("solo finalidad «inexistente» (ninguna coincide)", new() { PurposeText = "inexistente" }),
            Page("(página) solo finalidad «inexistente», últimos 30 días", AsPage(new() { PurposeText = "inexistente" })),
            Page("solo canal WEB", new() { Channel = Channel.Web }),
            Page("(página) solo canal WEB, últimos 30 días", AsPage(new() { Channel = Channel.Web })),
            Page("institución I001, ordenada por usuario final", new() { InstitutionId = institution }, AuditSort.EndUser),
            Page("(página) últimos 30 días, ordenada por institución", AsPage(new()), AuditSort.Institution),
            Page($"solo fechas: un día ({today:dd/MM/yyyy})", new() { From = today, To = today }),
            Page($"solo fechas: un mes ({monthStart:MM/yyyy})", new() { From = monthStart, To = monthEnd }),
            Page($"solo fechas: un año (hasta {today:dd/MM/yyyy})", new() { From = today.AddYears(-1).AddDays(1), To = today }),
            new("estadísticas, toda la bitácora", async () =>
            {
                var stats = await statistics.ComputeAsync(search.Authorize(Auditor, new()).Value!);
                return stats.Total.ToString("N0", CultureInfo.InvariantCulture);
            }),
            new("estadísticas, institución I001", async () =>
            {
                var stats = await statistics.ComputeAsync(search.Authorize(Auditor, new() { InstitutionId = institution }).Value!);
                return stats.Total.ToString("N0", CultureInfo.InvariantCulture);
            }),
        };

        Console.WriteLine($"{records:N0} registros; {runs} mediciones por búsqueda tras una de calentamiento.");
        Console.WriteLine();
        Console.WriteLine("| búsqueda | registros | primera vez | mediana | mín. | máx. |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var first = Stopwatch.StartNew();
            var total = await c.Run();
            var firstMs = first.Elapsed.TotalMilliseconds;
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await c.Run();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {c.Name} | {total} | {Ms(firstMs)} | {Ms(times[times.Count / 2])} | {Ms(times[0])} | {Ms(times[^1])} |");
        }
    }

    private static string Count(AuditPage page) => (page.IsTotalCapped ? "> " : "") + page.Total.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms < 1 ? "< 1 ms" : ms < 10 ? $"{ms:N1} ms" : $"{ms:N0} ms";
}
