using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Web.Health;

/// <summary>
/// Extension point of the replication-lag check: how far behind its primary the database is, where the
/// provider can tell. Register another implementation to measure it differently (e.g. from a load balancer).
/// </summary>
public interface IReplicationLagProbe
{
    /// <summary>Null when not applicable (the provider reports no replication); otherwise the lag, or null lag for no replica.</summary>
    Task<ReplicationLag?> ReadAsync(CancellationToken ct);
}

/// <param name="Lag">Null: replication applies but no replica reports yet.</param>
public sealed record ReplicationLag(TimeSpan? Lag, bool IsStandby);

/// <summary>
/// PostgreSQL's own figures, read through EF with plain SQL so no Npgsql reference is needed here: on a standby,
/// the age of the last replayed transaction (zero when everything received is replayed); on a primary, the worst
/// <c>replay_lag</c> of <c>pg_stat_replication</c>. Other providers: not applicable.
/// </summary>
public sealed class PostgresReplicationLagProbe(IDbContextFactory<ConsultaDbContext> contexts) : IReplicationLagProbe
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public async Task<ReplicationLag?> ReadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Database.ProviderName != NpgsqlProvider) return null;
        var standby = await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync(ct);
        var seconds = standby
            ? await db.Database.SqlQueryRaw<double?>(
                "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 " +
                "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END AS \"Value\"").SingleAsync(ct)
            : await db.Database.SqlQueryRaw<double?>(
                "SELECT EXTRACT(EPOCH FROM max(replay_lag))::float8 AS \"Value\" FROM pg_stat_replication").SingleAsync(ct);
        return new ReplicationLag(seconds is { } s ? TimeSpan.FromSeconds(s) : null, standby);
    }
}

/// <summary>Replication lag where the database reports it; degraded above <see cref="HealthOptions.MaxReplicationLagSeconds"/>.</summary>
public sealed class ReplicationLagHealthCheck(IReplicationLagProbe probe, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var reading = await probe.ReadAsync(ct);
        if (reading is null) return HealthCheckResult.Healthy("No aplica: esta base de datos no informa replicación.");
        if (reading.Lag is not { } lag)
            return HealthCheckResult.Healthy(reading.IsStandby ? "Réplica sin transacciones pendientes de aplicar." : "Ninguna réplica conectada informa retraso.");
        var data = new Dictionary<string, object> { ["retrasoSegundos"] = Math.Round(lag.TotalSeconds, 1) };
        var text = string.Create(HealthOptions.Culture, $"Retraso de replicación: {lag.TotalSeconds:N1} s.");
        return lag > TimeSpan.FromSeconds(options.Value.MaxReplicationLagSeconds)
            ? HealthCheckResult.Degraded(text + $" Supera el máximo de {options.Value.MaxReplicationLagSeconds} s.", data: data)
            : HealthCheckResult.Healthy(text, data);
    }
}
