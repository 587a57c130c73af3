using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>Columns a search can be sorted by; each leads an index (or is the key), so sorting stays cheap.</summary>
public enum AuditSort { Time, Institution, EndUser, DocumentNumber }

/// <summary>
/// What an auditor searches the bitácora for. Dates are Bolivian calendar days (UTC−4), both ends
/// included. Every filter is optional; an empty filter is the whole log. Settable so the bitácora's filter form
/// binds to it directly; the form hands the search a copy (<c>with { }</c>), never the instance it edits.
/// </summary>
public sealed record AuditSearchFilter
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? InstitutionId { get; set; }
    public int? AgreementId { get; set; }
    public string? EndUserCode { get; set; }
    public Channel? Channel { get; set; }
    public QueryType? QueryType { get; set; }
    public QueryResult? Result { get; set; }
    /// <summary>The document number queried: "who has queried this person?" is a search by this field alone.</summary>
    public string? DocumentNumber { get; set; }
    /// <summary>Text contained in the purpose (finalidad), case-insensitive.</summary>
    public string? PurposeText { get; set; }

    /// <summary>Days the search form covers when the auditor gives neither dates nor a key filter.</summary>
    public const int DefaultPeriodDays = 30;

    /// <summary>
    /// A filter with its own index (document, institution, agreement): its search is fast over the whole log.
    /// Without one, the log is read in sequence order over the period, so the period bounds the cost.
    /// </summary>
    public bool HasKeyFilter => !string.IsNullOrWhiteSpace(DocumentNumber) || InstitutionId is not null || AgreementId is not null;

    /// <summary>True when some filter other than the dates is set (the count is then not simple arithmetic).</summary>
    public bool NarrowsBeyondDates => HasKeyFilter || !string.IsNullOrWhiteSpace(EndUserCode) || Channel is not null
        || QueryType is not null || Result is not null || !string.IsNullOrWhiteSpace(PurposeText);

    /// <summary>
    /// The search form's default: without a key filter and without dates, the last <see cref="DefaultPeriodDays"/>
    /// Bolivian days up to <paramref name="today"/>. Otherwise the filter unchanged.
    /// </summary>
    public AuditSearchFilter WithDefaultPeriod(DateOnly today) => HasKeyFilter || From is not null || To is not null
        ? this
        : this with { From = today.AddDays(1 - DefaultPeriodDays), To = today };

    public AuditSearchFilter Normalized() => this with
    {
        EndUserCode = Clean(EndUserCode)?.ToUpperInvariant(),
        DocumentNumber = Clean(DocumentNumber),
        PurposeText = Clean(PurposeText),
    };

    /// <summary>The UTC instant a Bolivian day starts.</summary>
    public static DateTime StartUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Subtract(BoliviaClock.Offset);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class AuditSearchFilterValidator : AbstractValidator<AuditSearchFilter>
{
    public AuditSearchFilterValidator()
    {
        RuleFor(x => x.To).NotBefore(x => x.From);
        RuleFor(x => x.DocumentNumber).Matches("^[0-9]{1,10}$").When(x => x.DocumentNumber is not null)
            .WithMessage("El número de documento debe tener de 1 a 10 dígitos.");
        RuleFor(x => x.EndUserCode).MaximumLength(40).WithMessage("El código de usuario final tiene como máximo 40 caracteres.");
        RuleFor(x => x.PurposeText).MaximumLength(200).WithMessage("El texto de la finalidad tiene como máximo 200 caracteres.");
    }
}

/// <summary>The first and last sequence of a stretch of the chain; empty when <see cref="Last"/> &lt; <see cref="First"/>.</summary>
internal readonly record struct AuditSequenceRange(long First, long Last)
{
    public static readonly AuditSequenceRange Empty = new(1, 0);
    /// <summary>Sequences are contiguous (the writer assigns them one by one), so a range's size is arithmetic.</summary>
    public long Count => Math.Max(0, Last - First + 1);
}

/// <summary>
/// A filter as SQL. With a key filter the key's index serves it, dates included: (DocumentNumber, TimestampUtc),
/// (InstitutionId, TimestampUtc), (InstitutionId, EndUserCode, TimestampUtc); an agreement is searched through
/// its institution's index (see <see cref="WithAgreementInstitutionAsync"/>).
/// Without one, the dates become a range of the primary key (two seeks on the TimestampUtc index: the writer
/// never lets time go backwards along the chain) and channel, type, result, end user and purpose are checked
/// while reading that range in key order, newest first, so a page stops after its rows.
/// </summary>
internal sealed record AuditQuery(IQueryable<AuditRecord> Records, bool ByKey, AuditSequenceRange? Range)
{
    public static async Task<AuditQuery> CreateAsync(ConsultaDbContext db, AuditSearchFilter f, CancellationToken ct)
    {
        if (f.HasKeyFilter)
        {
            f = await WithAgreementInstitutionAsync(db, f, ct);
            return new(Narrow(ByDates(db.AuditRecords.AsNoTracking(), f), f), true, null);
        }
        return ForRange(db, f, await RangeAsync(db, f, ct));
    }

    /// <summary>
    /// The log has no (AgreementId, TimestampUtc) index (issue 20: one B-tree update less per query). An agreement
    /// belongs to one institution and every record of an agreement carries that institution, so an agreement
    /// filter also filters by its institution: (InstitutionId, TimestampUtc) serves it, the agreement checked on
    /// the institution's few agreements' records.
    /// </summary>
    internal static async Task<AuditSearchFilter> WithAgreementInstitutionAsync(ConsultaDbContext db, AuditSearchFilter f, CancellationToken ct)
    {
        if (f.AgreementId is not { } agreement || f.InstitutionId is not null) return f;
        var institution = await db.Agreements.AsNoTracking().Where(a => a.Id == agreement).Select(a => (int?)a.InstitutionId).FirstOrDefaultAsync(ct);
        return institution is null ? f : f with { InstitutionId = institution };
    }

    /// <summary>A filter without a key over a stretch of the chain (its dates already turned into the stretch).</summary>
    public static AuditQuery ForRange(ConsultaDbContext db, AuditSearchFilter f, AuditSequenceRange range)
    {
        var (first, last) = (range.First, range.Last);
        return new(Narrow(db.AuditRecords.AsNoTracking().Where(r => r.Sequence >= first && r.Sequence <= last), f), false, range);
    }

    /// <summary>The stretch of the chain the filter's dates cover (the whole chain without dates).</summary>
    public static async Task<AuditSequenceRange> RangeAsync(ConsultaDbContext db, AuditSearchFilter f, CancellationToken ct)
    {
        var records = db.AuditRecords.AsNoTracking();
        long? first, last;
        if (f.From is { } from)
        {
            var start = AuditSearchFilter.StartUtc(from);
            first = await records.Where(r => r.TimestampUtc >= start).OrderBy(r => r.TimestampUtc).ThenBy(r => r.Sequence)
                .Select(r => (long?)r.Sequence).FirstOrDefaultAsync(ct);
        }
        else first = await records.OrderBy(r => r.Sequence).Select(r => (long?)r.Sequence).FirstOrDefaultAsync(ct);
        if (first is null) return AuditSequenceRange.Empty;
        if (f.To is { } to)
        {
            var end = AuditSearchFilter.StartUtc(to.AddDays(1));
            last = await records.Where(r => r.TimestampUtc < end).OrderByDescending(r => r.TimestampUtc).ThenByDescending(r => r.Sequence)
                .Select(r => (long?)r.Sequence).FirstOrDefaultAsync(ct);
        }
        else last = await records.OrderByDescending(r => r.Sequence).Select(r => (long?)r.Sequence).FirstOrDefaultAsync(ct);
        return last is null ? AuditSequenceRange.Empty : new(first.Value, last.Value);
    }

    /// <summary>
    /// How many records match, counting no further than <paramref name="limit"/> + 1 (then the answer is
    /// "more than the limit"). A filter of dates alone is counted exactly from its sequence range.
    /// </summary>
    public async Task<(int Total, bool IsCapped)> CountAsync(AuditSearchFilter f, int limit, CancellationToken ct)
    {
        if (!f.NarrowsBeyondDates && Range is { } range) return ((int)Math.Min(range.Count, int.MaxValue), false);
        var count = await Records.Take(limit + 1).CountAsync(ct);
        return count > limit ? (limit, true) : (count, false);
    }

    public IQueryable<AuditRecord> Sorted(AuditSort sort, bool descending)
    {
        var q = Records;
        // Time breaks ties before the sequence (the same order along the chain), so each index that leads with the
        // sorted column, (InstitutionId, TimestampUtc) and the like, yields the rows already in order.
        return (sort, descending) switch
        {
            (AuditSort.Institution, false) => q.OrderBy(r => r.InstitutionId).ThenBy(r => r.TimestampUtc).ThenBy(r => r.Sequence),
            (AuditSort.Institution, true) => q.OrderByDescending(r => r.InstitutionId).ThenByDescending(r => r.TimestampUtc).ThenByDescending(r => r.Sequence),
            (AuditSort.EndUser, false) => q.OrderBy(r => r.EndUserCode).ThenBy(r => r.TimestampUtc).ThenBy(r => r.Sequence),
            (AuditSort.EndUser, true) => q.OrderByDescending(r => r.EndUserCode).ThenByDescending(r => r.TimestampUtc).ThenByDescending(r => r.Sequence),
            (AuditSort.DocumentNumber, false) => q.OrderBy(r => r.DocumentNumber).ThenBy(r => r.TimestampUtc).ThenBy(r => r.Sequence),
            (AuditSort.DocumentNumber, true) => q.OrderByDescending(r => r.DocumentNumber).ThenByDescending(r => r.TimestampUtc).ThenByDescending(r => r.Sequence),
            // A key's index is ordered by time, the table by sequence: order by what the access path already holds.
            (_, false) when ByKey => q.OrderBy(r => r.TimestampUtc).ThenBy(r => r.Sequence),
            (_, true) when ByKey => q.OrderByDescending(r => r.TimestampUtc).ThenByDescending(r => r.Sequence),
            (_, false) => q.OrderBy(r => r.Sequence),
            _ => q.OrderByDescending(r => r.Sequence),
        };
    }

    private static IQueryable<AuditRecord> ByDates(IQueryable<AuditRecord> q, AuditSearchFilter f)
    {
        if (f.From is { } from)
        {
            var start = AuditSearchFilter.StartUtc(from);
            q = q.Where(r => r.TimestampUtc >= start);
        }
        if (f.To is { } to)
        {
            var end = AuditSearchFilter.StartUtc(to.AddDays(1));
            q = q.Where(r => r.TimestampUtc < end);
        }
        return q;
    }

    private static IQueryable<AuditRecord> Narrow(IQueryable<AuditRecord> q, AuditSearchFilter f)
    {
        if (f.InstitutionId is { } institution) q = q.Where(r => r.InstitutionId == institution);
        if (f.AgreementId is { } agreement) q = q.Where(r => r.AgreementId == agreement);
        if (f.EndUserCode is { } user) q = q.Where(r => r.EndUserCode == user);
        if (f.Channel is { } channel) q = q.Where(r => r.Channel == channel);
        if (f.QueryType is { } type) q = q.Where(r => r.QueryType == type);
        if (f.Result is { } result) q = q.Where(r => r.Result == result);
        if (f.DocumentNumber is { } number) q = q.Where(r => r.DocumentNumber == number);
        if (f.PurposeText is { } text)
        {
            var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            q = q.Where(r => r.Purpose != null && EF.Functions.Like(r.Purpose, pattern, "\\"));
        }
        return q;
    }
}
