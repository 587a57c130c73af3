using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Misuse;

namespace Segip.Consulta.Bench.MisuseSim;

/// <summary>
/// A simulated month of consultation traffic with labelled injected abuse, written through the real
/// <see cref="AuditLog"/>, then the real <see cref="MisuseDetector"/>; reports per rule the injected cases
/// found, false alerts per 100 000 normal queries and the detector's CPU time per 1 000 records.
/// <code>
/// dotnet run -c Release --project bench/MisuseSim -- [--days 30] [--per-day 13000] [--institutions 100] [--seed 17]
/// </code>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var days = int.Parse(Option(args, "--days") ?? "30", CultureInfo.InvariantCulture);
        var perDay = int.Parse(Option(args, "--per-day") ?? "13000", CultureInfo.InvariantCulture);
        var institutions = int.Parse(Option(args, "--institutions") ?? "100", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "17", CultureInfo.InvariantCulture);

        var folder = Path.Combine(Path.GetTempPath(), "segip-misuse-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new SimulatedClock(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        try
        {
            await using var services = Services(folder, clock);
            await using (var scope = services.CreateAsyncScope())
            {
                var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
                await init.MigrateAsync();
                await init.SeedReferenceDataAsync();
            }
            var world = await World.CreateAsync(services.GetRequiredService<IDbContextFactory<ConsultaDbContext>>(), institutions, seed);
            foreach (var document in world.ProtectedDocuments)
                await services.GetRequiredService<ProtectedPersonService>().AddAsync(Actor.System, new() { DocumentNumber = document, Reason = "Persona protegida simulada" });

            var traffic = new Traffic(world, new Random(seed), perDay);
            var log = services.GetRequiredService<AuditLog>();
            var written = Stopwatch.StartNew();
            var first = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            long normal = 0, injected = 0;
            for (var d = 0; d < days; d++)
            {
                var day = first.AddDays(d);
                var records = traffic.Day(day, d);
                normal += records.Count(r => r.Injection is null);
                injected += records.Count(r => r.Injection is not null);
                // One group commit per simulated minute: the writer stamps every record with the clock's time.
                foreach (var minute in records.GroupBy(r => r.LocalTime).OrderBy(g => g.Key))
                {
                    clock.Set(minute.Key - Segip.Consulta.Core.Common.BoliviaClock.Offset);
                    await Task.WhenAll(minute.Select(r => log.AppendAsync(r.Entry)));
                }
                Console.Error.Write($"\rDía {d + 1}/{days}: {normal + injected:N0} registros");
            }
            Console.Error.WriteLine($" escritos en {written.Elapsed.TotalSeconds:N0} s.");

            var detector = services.GetRequiredService<MisuseDetector>();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var (thread, threadCpu) = (Environment.CurrentManagedThreadId, ThreadCpuClock.Now());
            var wall = Stopwatch.StartNew();
            var (evaluated, _) = await detector.CatchUpAsync();
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            // The detector's own thread (SQLite: the passes never leave it), without the JIT's and the GC's background threads.
            if (Environment.CurrentManagedThreadId == thread && threadCpu is { } before && ThreadCpuClock.Now() is { } after)
                Console.WriteLine($"CPU del hilo del detector: {(after - before).TotalMilliseconds / evaluated * 1000:N1} ms por 1 000 registros.");

            await using var db = await services.GetRequiredService<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
            var alerts = await db.MisuseAlerts.AsNoTracking().ToListAsync();
            Report.Print(traffic.Injections, alerts, normal, injected, evaluated, cpuMs, wall.Elapsed);
            return Report.AllFound(traffic.Injections, alerts) ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static ServiceProvider Services(string folder, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Consulta"] = $"Data Source={Path.Combine(folder, "consulta.db")}",
            ["Seed:Demo"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(clock);
        services.AddConsultaCore(configuration, folder, Segip.Consulta.Core.Configuration.HostingRules.Development);
        return services.BuildServiceProvider();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>A clock the simulator moves: the audit writer stamps records with it.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;
    public override DateTimeOffset GetUtcNow() => now;
    public void Set(DateTime utc) => now = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
