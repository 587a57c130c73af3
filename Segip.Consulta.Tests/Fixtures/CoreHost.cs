using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// The Core services over a real database, migrated and seeded like the app in Development: a SQLite file in
/// a temporary folder, or a fresh database on the test run's PostgreSQL server (<see cref="TestPostgres"/>).
/// Each instance is its own database; dispose deletes it.
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    public string Folder { get; }
    public string DatabasePath { get; }
    public ServiceProvider Services { get; }
    public FakeTimeProvider? Clock { get; }
    public Engine Engine { get; }
    /// <summary>The connection string the services use (SQLite file or PostgreSQL database).</summary>
    public string ConnectionString { get; }

    private CoreHost(string folder, ServiceProvider services, FakeTimeProvider? clock, Engine engine, string connectionString)
    {
        Folder = folder;
        Engine = engine;
        ConnectionString = connectionString;
        DatabasePath = Path.Combine(folder, "consulta.db");
        Services = services;
        Clock = clock;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="persons">Size of the synthetic registry (the named fixtures are always there).</param>
    /// <param name="clock">A fake clock for tests that move time; the system clock otherwise.</param>
    public static async Task<CoreHost> CreateAsync(bool demo = true, int persons = 200, FakeTimeProvider? clock = null,
        IDictionary<string, string?>? settings = null, Engine engine = Engine.Sqlite) =>
        await CreateAsync(demo, persons, clock, settings, engine, engine == Engine.Postgres ? await TestPostgres.CreateDatabaseAsync() : null);

    /// <summary>
    /// A second set of Core services on another host's database, as a second app instance would be; its hosted
    /// services (such as the PostgreSQL change listener) are started. The database and the clock stay the other host's.
    /// </summary>
    public static async Task<CoreHost> AttachAsync(CoreHost other)
    {
        var host = await CreateAsync(false, 0, other.Clock, null, other.Engine, other.ConnectionString, ownsDatabase: false);
        foreach (var service in host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()) await service.StartAsync(default);
        return host;
    }

    private static async Task<CoreHost> CreateAsync(bool demo, int persons, FakeTimeProvider? clock,
        IDictionary<string, string?>? settings, Engine engine, string? connectionString, bool ownsDatabase = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "segip-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        connectionString ??= $"Data Source={Path.Combine(folder, "consulta.db")}";
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = engine == Engine.Postgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Consulta"] = connectionString,
            ["Seed:Demo"] = demo.ToString(),
            ["Seed:Persons"] = persons.ToString(),
        };
        if (settings is not null) foreach (var (k, v) in settings) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (clock is not null) services.AddSingleton<TimeProvider>(clock);
        services.AddConsultaCore(configuration, folder, Segip.Consulta.Core.Configuration.HostingRules.Development);
        var provider = services.BuildServiceProvider();
        var host = new CoreHost(folder, provider, clock, engine, connectionString) { ownsDatabase = ownsDatabase };
        if (!ownsDatabase) return host;

        await using var scope = provider.CreateAsyncScope();
        var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await init.MigrateAsync();
        await init.SeedReferenceDataAsync();
        if (demo)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(new SeedOptions { Demo = true, Persons = persons });
        return host;
    }

    private bool ownsDatabase = true;

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()) await service.StopAsync(default);
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Engine == Engine.Postgres && ownsDatabase) await TestPostgres.DropDatabaseAsync(ConnectionString);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
