using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core;

namespace Segip.Consulta.Bench.AuditSeed;

/// <summary>
/// Builds a large synthetic bitácora with a valid hash chain (<c>seed</c>) and times the app's own audit
/// searches on it (<c>search</c>). See docs/performance/audit-search.md.
/// <code>
/// dotnet run -c Release --project bench/AuditSeed -- seed --db bench/data/audit-10m.db --records 10000000
/// dotnet run -c Release --project bench/AuditSeed -- search --db bench/data/audit-10m.db [--runs 5] [--only texto] [--sql]
/// dotnet run -c Release --project bench/AuditSeed -- seed --pg "Host=127.0.0.1;Port=47813;Username=postgres;Database=audit_10m" --records 10000000
/// dotnet run -c Release --project bench/AuditSeed -- search --pg "…" [--runs 5]
/// </code>
/// With <c>--pg</c> the database (empty, created beforehand) is PostgreSQL and the records go by binary COPY.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var pg = Option(args, "--pg");
        var db = Option(args, "--db");
        if (args.Length == 0 || (db is null && pg is null))
        {
            Console.Error.WriteLine("Uso: seed (--db ARCHIVO | --pg CADENA) --records N [--institutions 100] [--years 3] [--random-seed 8]");
            Console.Error.WriteLine("     search (--db ARCHIVO | --pg CADENA) [--runs 5] [--only TEXTO] [--sql]");
            return 2;
        }
        db = db is null ? "" : Path.GetFullPath(db);
        switch (args[0])
        {
            case "seed":
                if (pg is null && File.Exists(db))
                {
                    Console.Error.WriteLine($"{db} ya existe: bórrelo o elija otro archivo.");
                    return 1;
                }
                var options = new AuditSeedPlan(
                    Records: long.Parse(Option(args, "--records") ?? "1000000", CultureInfo.InvariantCulture),
                    Institutions: int.Parse(Option(args, "--institutions") ?? "100", CultureInfo.InvariantCulture),
                    Years: int.Parse(Option(args, "--years") ?? "3", CultureInfo.InvariantCulture),
                    RandomSeed: int.Parse(Option(args, "--random-seed") ?? "8", CultureInfo.InvariantCulture));
                await using (var services = Services(db, pg))
                {
                    if (pg is null) await AuditSeeder.RunAsync(services, db, options);
                    else await AuditSeeder.RunPostgresAsync(services, pg, options);
                }
                return 0;
            case "search":
                await using (var services = Services(db, pg, logSql: args.Contains("--sql")))
                {
                    var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
                    await SearchTimings.RunAsync(services, runs, Option(args, "--only"));
                }
                return 0;
            default:
                Console.Error.WriteLine($"Verbo desconocido «{args[0]}».");
                return 2;
        }
    }

    /// <summary>The Core services over the given SQLite file or PostgreSQL database, as the app registers them.</summary>
    private static ServiceProvider Services(string db, string? pg, bool logSql = false)
    {
        var folder = pg is null ? Path.GetDirectoryName(db)! : Path.Combine(Path.GetTempPath(), "segip-auditseed");
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = pg is null ? "Sqlite" : "Postgres",
            ["ConnectionStrings:Consulta"] = pg ?? $"Data Source={db}",
            ["Seed:Demo"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (logSql) SqlLog.Start();
        services.AddConsultaCore(configuration, folder, Segip.Consulta.Core.Configuration.HostingRules.Development);
        return services.BuildServiceProvider();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
