using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;

namespace Segip.Consulta.Web;

/// <summary>
/// Prepares the database before the server accepts requests (a lifecycle "starting" hook runs before
/// Kestrel starts): SQLite is migrated automatically (and any provider in Development), PostgreSQL and SQL Server
/// in Production only by the <c>migrate</c> command;
/// reference data always; demo data only in Development. The sandbox gets the synthetic registry (and the demo
/// institutions with <c>Seed:Demo</c>) and refuses to start on a database holding any other person.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IHostEnvironment environment, IOptions<SeedOptions> seed, ILogger<DatabaseStartup> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (settings.IsSqlite || environment.IsDevelopment()) await initializer.MigrateAsync(cancellationToken);
        var (ready, detail) = await initializer.CheckReadyAsync(cancellationToken);
        if (!ready)
        {
            logger.LogError("Base de datos no lista: {Detail} Ejecute el comando «migrate».", detail);
            return;
        }
        await initializer.SeedReferenceDataAsync(cancellationToken);
        if (environment.IsDevelopment() && seed.Value.Demo)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(seed.Value, cancellationToken);
        if (environment.IsSandbox())
            await PrepareSandboxAsync(scope.ServiceProvider, cancellationToken);
    }

    private async Task PrepareSandboxAsync(IServiceProvider provider, CancellationToken ct)
    {
        // Checked before seeding too: nothing is written into a database that holds real persons.
        var check = provider.GetRequiredService<Core.Features.Sandbox.SyntheticRegistryCheck>();
        await RefuseRealDataAsync(check, ct);
        var seeder = provider.GetRequiredService<DemoSeeder>();
        if (seed.Value.Demo) await seeder.SeedAsync(seed.Value, ct);
        else await seeder.SeedRegistryAsync(seed.Value, ct);
        await RefuseRealDataAsync(check, ct);
    }

    private static async Task RefuseRealDataAsync(Core.Features.Sandbox.SyntheticRegistryCheck check, CancellationToken ct)
    {
        if (await check.FindRealPersonAsync(ct) is { } found)
            throw new Core.Features.Sandbox.RealDataException($"Entorno Sandbox: la base de datos tiene datos que no son sintéticos ({found}). "
                + "El entorno de pruebas usa solo el registro sintético en su propia base de datos; nunca una copia de la de producción.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
