using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Segip.Consulta.Core.Features.Agreements;

/// <summary>
/// Turns agreements past their end date into VENCIDO, at start-up and then every hour. The gate
/// already refuses them by date; this keeps the status the staff read in step with the calendar.
/// </summary>
public sealed class AgreementExpiryJob(AgreementService agreements, TimeProvider time, ILogger<AgreementExpiryJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>One pass; tests call it directly with a fake clock.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var expired = await agreements.ExpireDueAsync(ct);
        if (expired > 0) logger.LogInformation("{Count} convenio(s) pasaron a VENCIDO", expired);
        return expired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed pass is retried on the next tick; the job must not stop the host.
                logger.LogError(ex, "No se pudo actualizar el estado de los convenios vencidos");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
