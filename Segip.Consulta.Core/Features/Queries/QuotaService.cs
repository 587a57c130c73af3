using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>An institution's monthly quota: the limit of its agreement (null = no limit) and what it has used.</summary>
public sealed record QuotaStatus(int? MonthlyLimit, int Used, int? Remaining, string Period);

/// <summary>
/// Quota use as the query gate sees it: the month's counter (<see cref="QuotaReservations"/>) once the month's first
/// query created it, else the answered queries (not refusals, not certificates) under the institution's current
/// agreement since the Bolivian month began.
/// </summary>
public sealed class QuotaService(IDbContextFactory<ConsultaDbContext> contexts, QuotaReservations reservations, TimeProvider time)
{
    public async Task<QuotaStatus> GetAsync(int institutionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = BoliviaClock.Today(time).ToString("yyyy-MM");
        // The agreement in force, else the most recent one (its quota still describes the institution).
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.InstitutionId == institutionId)
            .OrderByDescending(a => a.Status == AgreementStatus.InForce).ThenByDescending(a => a.ValidTo)
            .Select(a => new { a.Id, a.MonthlyQuota }).FirstOrDefaultAsync(ct);
        if (agreement is null) return new QuotaStatus(null, 0, null, period);

        var monthStart = BoliviaClock.MonthStartUtc(time);
        var used = await reservations.UsedAsync(agreement.Id, ct) ?? await QuotaReservations.AnsweredInLogAsync(db, agreement.Id, monthStart, ct);
        int? remaining = agreement.MonthlyQuota is { } limit ? Math.Max(0, limit - used) : null;
        return new QuotaStatus(agreement.MonthlyQuota, used, remaining, period);
    }

    /// <summary>Seconds until the next Bolivian month, when a spent quota is renewed (for Retry-After).</summary>
    public int SecondsUntilRenewal()
    {
        var next = BoliviaClock.MonthStartUtc(time).AddMonths(1);
        // MonthStartUtc is 04:00 UTC on the 1st; adding a month keeps that offset.
        return (int)Math.Max(1, Math.Ceiling((next - time.GetUtcNow().UtcDateTime).TotalSeconds));
    }
}
