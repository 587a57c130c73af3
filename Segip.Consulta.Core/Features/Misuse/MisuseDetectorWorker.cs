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
                var (thread, cpu) = (Environment.CurrentManagedThreadId, ThreadCpuClock.Now());
                var (records, alerts) = await detector.CatchUpAsync(paced: true, stoppingToken);
                // On SQLite the passes never leave this thread (the provider's async calls complete synchronously), so the
                // thread's CPU is the detector's own; where they did leave it (PostgreSQL), no figure is given.
                var cpuMs = Environment.CurrentManagedThreadId == thread && cpu is { } before && ThreadCpuClock.Now() is { } after
                    ? (long)(after - before).TotalMilliseconds : -1;
                if (records > 0)
                    logger.Log(alerts > 0 ? LogLevel.Information : LogLevel.Debug,
                        "Detección de uso indebido: {Records} registros revisados, {Alerts} alertas nuevas, {CpuMs} ms de CPU", records, alerts, cpuMs);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The position did not move: the next tick evaluates the same records again.
                logger.LogError(ex, "La detección de uso indebido falló; se reintenta en el próximo ciclo");
            }
        }
    }
}
