using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>The level an agreement grants, as the gate needs it.</summary>
public sealed record LevelSnapshot(int Id, string Code, IReadOnlyList<string> Fields, bool RequiresConsent, bool AllowsNameSearch);

/// <summary>The agreement in force (or last marked VIGENTE) of an institution, as the gate needs it.</summary>
public sealed record AgreementSnapshot(int Id, AgreementStatus Status, DateOnly ValidFrom, DateOnly ValidTo, Channels Channels,
    int? MonthlyQuota, string? IpAllowlist, LevelSnapshot Level)
{
    /// <summary>The agreement's allow-list, parsed once with the snapshot (which the access cache keeps).</summary>
    public Common.IpAllowlist AllowedIps { get; } = Common.IpAllowlist.Parse(IpAllowlist);

    public bool IsInForce(DateOnly today) => Status == AgreementStatus.InForce && ValidFrom <= today && today <= ValidTo;
}

/// <summary>What decides whether an institution may query right now.</summary>
public sealed class InstitutionAccess
{
    public required AgreementSnapshot? Agreement { get; init; }
    public required IReadOnlySet<string> EnabledEndUsers { get; init; }
    public required long Version { get; init; }
    public required DateTime LoadedUtc { get; init; }
    public required DateTime MonthStartUtc { get; init; }

    /// <summary>
    /// The checks every query and certificate passes before its own work, in the order of docs/domain.md, «A query (consulta)»:
    /// agreement in force → channel → IP allow-list (web service) → end user enabled now. Null when all pass.
    /// </summary>
    public RefusalReason? Refusal(Channel channel, string? clientIp, string? endUserCode, DateOnly today)
    {
        if (Agreement is null || !Agreement.IsInForce(today)) return RefusalReason.AgreementNotInForce;
        var channelFlag = channel == Channel.Web ? Channels.Web : Channels.WebService;
        if (!Agreement.Channels.HasFlag(channelFlag)) return RefusalReason.ChannelNotAllowed;
        if (channel == Channel.WebService && !Agreement.AllowedIps.Allows(clientIp)) return RefusalReason.IpNotAllowed;
        if (endUserCode is not { Length: > 0 } code || !EnabledEndUsers.Contains(code)) return RefusalReason.EndUserNotEnabled;
        return null;
    }
}

/// <summary>
/// Keeps each institution's agreement, level and enabled end users in memory so a query costs no
/// look-ups beyond the registry itself. An entry is reloaded when any access-deciding entity was
/// saved by this instance (<see cref="AccessChangeSignal"/>), and at the latest after
/// <see cref="MaxAge"/>, which bounds how long another instance's change can take to be seen.
/// </summary>
public sealed class InstitutionAccessCache(IDbContextFactory<ConsultaDbContext> contexts, AccessChangeSignal signal, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, InstitutionAccess> entries = new();
    private readonly ConcurrentDictionary<int, Lazy<Task<InstitutionAccess>>> loads = new();

    public async Task<InstitutionAccess> GetAsync(int institutionId, CancellationToken ct)
    {
        while (true)
        {
            if (entries.TryGetValue(institutionId, out var entry) && IsCurrent(entry))
                return entry;

            // One load per institution at a time: when an entry expires under load, the concurrent
            // queries wait for that one load instead of each reading the same rows.
            var load = loads.GetOrAdd(institutionId, id => new Lazy<Task<InstitutionAccess>>(() => LoadAndKeepAsync(id)));
            InstitutionAccess fresh;
            try
            {
                fresh = await load.Value.WaitAsync(ct);
            }
            finally
            {
                loads.TryRemove(KeyValuePair.Create(institutionId, load));
            }
            // A load that began before a change saved meanwhile is already stale: load again.
            if (fresh.Version == signal.Version) return fresh;
        }
    }

    private bool IsCurrent(InstitutionAccess entry) =>
        entry.Version == signal.Version && time.GetUtcNow().UtcDateTime - entry.LoadedUtc < MaxAge
        && entry.MonthStartUtc == BoliviaClock.MonthStartUtc(time);

    private async Task<InstitutionAccess> LoadAndKeepAsync(int institutionId)
    {
        // Not the caller's token: other queries share this load.
        var fresh = await LoadAsync(institutionId, CancellationToken.None);
        entries[institutionId] = fresh;
        return fresh;
    }

    private async Task<InstitutionAccess> LoadAsync(int institutionId, CancellationToken ct)
    {
        // The version is read before the rows, so a change committed meanwhile forces another load.
        var version = signal.Version;
        var monthStart = BoliviaClock.MonthStartUtc(time);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var agreement = await db.Agreements.AsNoTracking()
            .Where(a => a.InstitutionId == institutionId && a.Status == AgreementStatus.InForce)
            .Select(a => new AgreementSnapshot(a.Id, a.Status, a.ValidFrom, a.ValidTo, a.Channels, a.MonthlyQuota, a.IpAllowlist,
                new LevelSnapshot(a.AccessLevel!.Id, a.AccessLevel.Code, a.AccessLevel.Fields, a.AccessLevel.RequiresConsent, a.AccessLevel.AllowsNameSearch)))
            .FirstOrDefaultAsync(ct);
        var endUsers = await db.EndUsers.AsNoTracking()
            .Where(u => u.InstitutionId == institutionId && u.IsEnabled)
            .Select(u => u.Code).ToListAsync(ct);
        return new InstitutionAccess
        {
            Agreement = agreement,
            EnabledEndUsers = endUsers.ToHashSet(StringComparer.Ordinal),
            Version = version,
            LoadedUtc = time.GetUtcNow().UtcDateTime,
            MonthStartUtc = monthStart,
        };
    }
}
