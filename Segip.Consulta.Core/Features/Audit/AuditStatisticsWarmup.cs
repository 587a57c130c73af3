using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// Counts the whole log's past months once at start-up, off any request, so the first auditor to open the
/// statistics page does not wait for ten million records to be read (see <see cref="AuditStatisticsService"/>).
/// Then the last 30 days for the operations page (<see cref="Operations.OperationsStatisticsService"/>).
/// </summary>
public sealed class AuditStatisticsWarmup(
    AuditStatisticsService statistics, ILogger<AuditStatisticsWarmup> logger, Operations.OperationsStatisticsService? operations = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var watch = Stopwatch.StartNew();
            await statistics.WarmUpAsync(stoppingToken);
            if (operations is not null) await operations.ComputeAsync(Operations.OperationsWindow.Month, stoppingToken);
            logger.LogInformation("Estadísticas de la bitácora precalculadas en {Seconds:N1} s", watch.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the first visit to the statistics page is slower; nothing is lost.
            logger.LogWarning(ex, "No se pudieron precalcular las estadísticas de la bitácora");
        }
    }
}
