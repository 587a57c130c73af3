using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;

namespace Segip.Consulta.Web;

/// <summary>
/// Prepares the database before the server accepts requests (a lifecycle "starting" hook runs before
/// Kestrel starts): SQLite is migrated automatically (and any provider in Development), PostgreSQL and SQL Server
/// in Production only by the <c>migrate</c> command;
/// reference data always; demo data only in Development.
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
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
