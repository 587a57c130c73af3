using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// Carries <see cref="AccessChangeSignal"/> between app instances on PostgreSQL: a save that changes who may
/// query sends <c>NOTIFY</c> on <see cref="Channel"/> (see <see cref="AccessChangeInterceptor"/>), and every
/// instance LISTENs and bumps its own signal, so an agreement suspended, an end user disabled or a credential
/// revoked on one instance applies to the next query on all of them (well under a second). The caches' 5 s
/// expiry stays as the safety net; after a lost connection the signal is bumped too, as notifications may have
/// been missed meanwhile.
/// </summary>
public sealed class PostgresAccessChangeListener(DatabaseSettings database, AccessChangeSignal signal, ILogger<PostgresAccessChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "segip_access_changes";

    /// <summary>Sends the notification in the context's connection (delivered when its transaction commits).</summary>
    public static void Notify(DbContext context) => context.Database.ExecuteSqlRaw($"NOTIFY {Channel}");

    public static Task NotifyAsync(DbContext context, CancellationToken ct) => context.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.IsPostgres) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keepalive: a dead server is noticed even while no notification arrives.
                var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 5 }.ToString();
                await using var connection = new NpgsqlConnection(cs);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Bump();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                signal.Bump();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
            {
                logger.LogWarning(ex, "Se perdió la escucha de cambios de acceso; se reintenta en 1 s");
                signal.Bump();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
