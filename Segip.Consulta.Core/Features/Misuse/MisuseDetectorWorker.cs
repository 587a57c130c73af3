using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>Runs the <see cref="MisuseDetector"/> every <see cref="MisuseOptions.PollSeconds"/> while the app runs.</summary>
public sealed class MisuseDetectorWorker(
    MisuseDetector detector, IOptionsMonitor<MisuseOptions> options, TimeProvider time, ILogger<MisuseDetectorWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.PollSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (records, alerts) = await detector.CatchUpAsync(stoppingToken);
                if (alerts > 0) logger.LogInformation("Detección de uso indebido: {Records} registros revisados, {Alerts} alertas nuevas", records, alerts);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The position did not move: the next tick evaluates the same records again.
                logger.LogError(ex, "La detección de uso indebido falló; se reintenta en el próximo ciclo");
            }
        }
    }
}
