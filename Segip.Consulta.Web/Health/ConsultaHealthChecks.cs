using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Signing;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Web.Health;

/// <summary>The database answers and no migration is pending (what /health/ready has always meant).</summary>
public sealed class DatabaseHealthCheck(DatabaseInitializer database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var (ready, detail) = await database.CheckReadyAsync(ct);
        return ready ? HealthCheckResult.Healthy("La base de datos responde y no hay migraciones pendientes.") : HealthCheckResult.Unhealthy(detail);
    }
}

/// <summary>
/// The audit writer thread runs and is not stuck in one batch; every query waits for it, so a stalled writer
/// makes the instance unready. A failed last batch (the database refused a write) is degraded: the next query
/// retries, and an instance taken out of rotation would never get that query.
/// </summary>
public sealed class AuditWriterHealthCheck(AuditLog audit, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var state = audit.State;
        var data = new Dictionary<string, object> { ["enCola"] = state.QueueDepth, ["loteActualSegundos"] = Math.Round(state.CurrentBatch.TotalSeconds, 1) };
        var stall = TimeSpan.FromSeconds(options.Value.AuditStallSeconds);
        var result = !state.Alive ? HealthCheckResult.Unhealthy("El escritor de la bitácora no está en ejecución: ninguna consulta puede responderse.", data: data)
            : state.CurrentBatch > stall ? HealthCheckResult.Unhealthy(string.Create(HealthOptions.Culture, $"El escritor de la bitácora lleva {state.CurrentBatch.TotalSeconds:N0} s con el mismo lote ({state.QueueDepth} registros en espera)."), data: data)
            : state.LastBatchFailed ? HealthCheckResult.Degraded("El último lote de la bitácora no pudo escribirse; se reintenta con la próxima consulta.", data: data)
            : HealthCheckResult.Healthy($"El escritor de la bitácora funciona ({state.QueueDepth} registros en espera).", data);
        return Task.FromResult(result);
    }
}

/// <summary>SEGIP's signing certificate: degraded within the warning period, unhealthy once expired.</summary>
public sealed class SigningCertificateHealthCheck(SigningCertificate signing, TimeProvider time, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var notAfter = signing.Certificate.NotAfter.ToUniversalTime();
        var days = (int)Math.Floor((notAfter - time.GetUtcNow().UtcDateTime).TotalDays);
        var data = new Dictionary<string, object> { ["venceUtc"] = notAfter.ToString("O"), ["diasRestantes"] = days };
        var when = DateText.Format(DateOnly.FromDateTime(Core.Common.BoliviaClock.ToLocal(notAfter)));
        var result = days < 0 ? HealthCheckResult.Unhealthy($"El certificado de firma venció el {when}: no se pueden firmar certificados ni puntos de control.", data: data)
            : days < options.Value.CertificateWarningDays ? HealthCheckResult.Degraded($"El certificado de firma vence el {when} (en {days} días): renuévelo.", data: data)
            : HealthCheckResult.Healthy($"El certificado de firma vence el {when} (en {days} días).", data);
        return Task.FromResult(result);
    }
}

/// <summary>The bitácora's last signed checkpoint: records left unsigned for too long are degraded.</summary>
public sealed class CheckpointAgeHealthCheck(
    IDbContextFactory<ConsultaDbContext> contexts, AuditCheckpointService checkpoints, TimeProvider time, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var head = await db.AuditRecords.MaxAsync(r => (long?)r.Sequence, ct) ?? 0;
        var signedUpTo = await db.AuditCheckpoints.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;
        var last = await checkpoints.LastSignedUtcAsync(ct);
        var unsigned = head - signedUpTo;
        var data = new Dictionary<string, object> { ["registrosSinFirmar"] = unsigned };
        if (last is { } signed) data["ultimoPuntoUtc"] = signed.ToString("O");
        if (unsigned == 0)
            return HealthCheckResult.Healthy(last is null ? "La bitácora está vacía." : "Toda la bitácora está cubierta por un punto de control firmado.", data);
        var age = time.GetUtcNow().UtcDateTime - (last ?? DateTime.MinValue);
        if (last is null || age > TimeSpan.FromMinutes(options.Value.CheckpointMaxAgeMinutes))
            return HealthCheckResult.Degraded(last is null
                ? $"Aún no hay ningún punto de control firmado ({unsigned} registros sin firmar)."
                : string.Create(HealthOptions.Culture, $"El último punto de control tiene {Math.Floor(age.TotalMinutes):N0} minutos y hay {unsigned} registros sin firmar."), data: data);
        return HealthCheckResult.Healthy(string.Create(HealthOptions.Culture, $"Último punto de control hace {Math.Floor(age.TotalMinutes):N0} minutos ({unsigned} registros aún sin firmar)."), data);
    }
}

/// <summary>Free space on the disk of the SQLite database file (other providers: not applicable).</summary>
public sealed class DiskSpaceHealthCheck(DatabaseSettings database, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!database.IsSqlite)
            return Task.FromResult(HealthCheckResult.Healthy("No aplica: la base de datos no es un archivo local."));
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var freeMb = new DriveInfo(folder).AvailableFreeSpace / (1024 * 1024);
        var min = options.Value.MinFreeDiskMegabytes;
        var data = new Dictionary<string, object> { ["libreMB"] = freeMb };
        var text = string.Create(HealthOptions.Culture, $"{freeMb:N0} MB libres en el disco de la base de datos.");
        var result = freeMb < min / 5 ? HealthCheckResult.Unhealthy(text + " La bitácora dejará de escribirse al llenarse.", data: data)
            : freeMb < min ? HealthCheckResult.Degraded(text + string.Create(HealthOptions.Culture, $" Por debajo del mínimo de {min:N0} MB."), data: data)
            : HealthCheckResult.Healthy(text, data);
        return Task.FromResult(result);
    }
}
