using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// The thresholds the detector uses: the <c>Misuse</c> settings with the values edited in the app over them.
/// Cached like the query gate's access (<see cref="InstitutionAccessCache"/>): reloaded when this instance saved
/// a change (<see cref="AccessChangeSignal"/>, which PostgreSQL's NOTIFY carries to the other instances), when the
/// settings reload, and at the latest after <see cref="InstitutionAccessCache.MaxAge"/>.
/// </summary>
public sealed class MisuseThresholdStore(
    IDbContextFactory<ConsultaDbContext> contexts, IOptionsMonitor<MisuseOptions> options, AccessChangeSignal signal, TimeProvider time)
{
    private sealed record Entry(MisuseOptions Settings, long Version, DateTime LoadedUtc, MisuseOptions Effective);

    private volatile Entry? current;

    public async Task<MisuseOptions> CurrentAsync(CancellationToken ct = default)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        if (current is { } e && ReferenceEquals(e.Settings, settings) && e.Version == signal.Version && now - e.LoadedUtc < InstitutionAccessCache.MaxAge)
            return e.Effective;
        // The version is read before the rows, so a change committed meanwhile forces another load next time.
        var version = signal.Version;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.MisuseThresholds.AsNoTracking().ToListAsync(ct);
        var effective = MisuseThresholdCatalog.Apply(settings, rows);
        current = new Entry(settings, version, now, effective);
        return effective;
    }
}
