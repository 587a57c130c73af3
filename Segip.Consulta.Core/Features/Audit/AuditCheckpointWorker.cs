using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>Signs the chain head periodically (see <see cref="AuditCheckpointOptions"/>) while the app runs.</summary>
public sealed class AuditCheckpointWorker(
    AuditCheckpointService checkpoints, IOptions<AuditCheckpointOptions> options, TimeProvider time, ILogger<AuditCheckpointWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.PollSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await checkpoints.IsDueAsync(settings, stoppingToken))
                    await checkpoints.CreateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick retries; a missed checkpoint only delays protection, it loses no record.
                logger.LogError(ex, "No se pudo firmar el punto de control de la bitácora");
            }
        }
    }
}
