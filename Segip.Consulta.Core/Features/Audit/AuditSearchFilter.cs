using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>Columns a search can be sorted by; each leads an index (or is the key), so sorting stays cheap.</summary>
public enum AuditSort { Time, Institution, EndUser, DocumentNumber }

/// <summary>
/// What an auditor searches the bitácora for. Dates are Bolivian calendar days (UTC−4), both ends
/// included. Every filter is optional; an empty filter is the whole log.
/// </summary>
public sealed record AuditSearchFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int? InstitutionId { get; init; }
    public int? AgreementId { get; init; }
    public string? EndUserCode { get; init; }
    public Channel? Channel { get; init; }
    public QueryType? QueryType { get; init; }
    public QueryResult? Result { get; init; }
    /// <summary>The document number queried: "who has queried this person?" is a search by this field alone.</summary>
    public string? DocumentNumber { get; init; }
    /// <summary>Text contained in the purpose (finalidad), case-insensitive.</summary>
    public string? PurposeText { get; init; }

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
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("La fecha final no puede ser anterior a la inicial.");
        RuleFor(x => x.DocumentNumber).Matches("^[0-9]{1,10}$").When(x => x.DocumentNumber is not null)
            .WithMessage("El número de documento debe tener de 1 a 10 dígitos.");
        RuleFor(x => x.EndUserCode).MaximumLength(40).WithMessage("El código de usuario final tiene como máximo 40 caracteres.");
        RuleFor(x => x.PurposeText).MaximumLength(200).WithMessage("El texto de la finalidad tiene como máximo 200 caracteres.");
    }
}

internal static class AuditFilterQuery
{
    /// <summary>
    /// Applies the filter. Indexes in AuditRecordConfiguration serve it: (DocumentNumber, TimestampUtc),
    /// (InstitutionId, TimestampUtc), (InstitutionId, EndUserCode, TimestampUtc), (AgreementId, TimestampUtc)
    /// and TimestampUtc; channel, type, result and purpose are narrowed within those ranges.
    /// </summary>
    public static IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> q, AuditSearchFilter f)
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

    public static IQueryable<AuditRecord> Sort(IQueryable<AuditRecord> q, AuditSort sort, bool descending) => (sort, descending) switch
    {
        (AuditSort.Institution, false) => q.OrderBy(r => r.InstitutionId).ThenBy(r => r.Sequence),
        (AuditSort.Institution, true) => q.OrderByDescending(r => r.InstitutionId).ThenByDescending(r => r.Sequence),
        (AuditSort.EndUser, false) => q.OrderBy(r => r.EndUserCode).ThenBy(r => r.Sequence),
        (AuditSort.EndUser, true) => q.OrderByDescending(r => r.EndUserCode).ThenByDescending(r => r.Sequence),
        (AuditSort.DocumentNumber, false) => q.OrderBy(r => r.DocumentNumber).ThenBy(r => r.Sequence),
        (AuditSort.DocumentNumber, true) => q.OrderByDescending(r => r.DocumentNumber).ThenByDescending(r => r.Sequence),
        // Sequences grow with time along the chain, so the key orders by time without a sort.
        (_, false) => q.OrderBy(r => r.Sequence),
        _ => q.OrderByDescending(r => r.Sequence),
    };
}
