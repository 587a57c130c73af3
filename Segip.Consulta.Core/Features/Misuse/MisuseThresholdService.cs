using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.Misuse;

public sealed record ThresholdValueView(ThresholdParameter Parameter, double Value, double Default);

/// <summary>A rule's thresholds now: the edited values (or the settings' where never edited) and when they were last changed.</summary>
public sealed record RuleThresholdsView(RuleThresholds Rule, IReadOnlyList<ThresholdValueView> Values, DateTime? UpdatedUtc);

/// <summary>New values for one rule's thresholds, by parameter name (<see cref="ThresholdParameter.Name"/>).</summary>
public sealed record MisuseThresholdInput(MisuseRule Rule, IReadOnlyDictionary<string, double?> Values);

public sealed class MisuseThresholdInputValidator : AbstractValidator<MisuseThresholdInput>
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-BO");

    public MisuseThresholdInputValidator()
    {
        RuleFor(x => x.Rule).Must(r => MisuseThresholdCatalog.Of(r) is not null)
            .WithMessage("Esta regla no tiene umbrales que se puedan editar.");
        RuleFor(x => x).Custom((input, context) =>
        {
            if (MisuseThresholdCatalog.Of(input.Rule) is not { } rule) return;
            foreach (var p in rule.Parameters)
            {
                var value = input.Values.GetValueOrDefault(p.Name);
                if (value is not { } v || double.IsNaN(v) || double.IsInfinity(v))
                    context.AddFailure(p.Name, $"Indique «{p.Label}».");
                else if (v < p.Min || v > p.Max)
                    context.AddFailure(p.Name, $"«{p.Label}» debe estar entre {Format(p.Min)} y {Format(p.Max)}.");
                else if (p.Whole && v != Math.Floor(v))
                    context.AddFailure(p.Name, $"«{p.Label}» debe ser un número entero.");
            }
        });
    }

    public static string Format(double n) => n.ToString("#,0.##", Spanish);
}

/// <summary>
/// Lists and edits the misuse rules' thresholds (internal control: auditors and SEGIP administrators). Every
/// change is in the change history, saved in the same transaction as the new values; the detector on every
/// instance picks them up through <see cref="MisuseThresholdStore"/>.
/// </summary>
public sealed class MisuseThresholdService(
    IDbContextFactory<ConsultaDbContext> contexts, IOptionsMonitor<MisuseOptions> settings, IValidator<MisuseThresholdInput> validator, ChangeLog changes)
{
    public const string EntityType = "UmbralAlerta";

    public async Task<ServiceResult<IReadOnlyList<RuleThresholdsView>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanEditMisuseThresholds()) return ServiceResult<IReadOnlyList<RuleThresholdsView>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.MisuseThresholds.AsNoTracking().ToDictionaryAsync(r => r.Rule, ct);
        var defaults = settings.CurrentValue;
        var effective = MisuseThresholdCatalog.Apply(defaults, rows.Values);
        var list = MisuseThresholdCatalog.Rules.Select(rule => new RuleThresholdsView(rule,
            rule.Parameters.Select(p => new ThresholdValueView(p, p.Get(effective), p.Get(defaults))).ToList(),
            rows.GetValueOrDefault(rule.Rule)?.UpdatedUtc)).ToList();
        return ServiceResult<IReadOnlyList<RuleThresholdsView>>.Ok(list);
    }

    public async Task<ServiceResult<bool>> UpdateAsync(Actor actor, MisuseThresholdInput input, CancellationToken ct = default)
    {
        if (!actor.CanEditMisuseThresholds()) return ServiceResult<bool>.Forbidden("Solo auditores y administradores de SEGIP pueden cambiar los umbrales.");
        if (await validator.ErrorsAsync(input, ct) is { } invalid) return ServiceResult<bool>.Invalid(invalid);
        var rule = MisuseThresholdCatalog.Of(input.Rule)!;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.MisuseThresholds.FirstOrDefaultAsync(r => r.Rule == input.Rule, ct);
        var current = MisuseThresholdCatalog.Apply(settings.CurrentValue, row is null ? [] : [row]);
        var before = rule.Parameters.ToDictionary(p => p.Name, p => p.Get(current));
        var after = rule.Parameters.ToDictionary(p => p.Name, p => input.Values[p.Name]!.Value);
        if (before.All(kv => after[kv.Key] == kv.Value)) return ServiceResult<bool>.Ok(false);

        if (row is null) db.MisuseThresholds.Add(new MisuseThreshold { Rule = input.Rule, Values = MisuseThresholdCatalog.Serialize(after) });
        else row.Values = MisuseThresholdCatalog.Serialize(after);
        changes.Add(db, actor, EntityType, input.Rule.ToCode(), "Editar", null, Readable(rule, before), Readable(rule, after));
        try
        {
            // One SaveChanges: the new values and their history row commit together or not at all.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ServiceResult<bool>.Conflict("Rule", "Otra persona cambió estos umbrales al mismo tiempo; vuelva a cargar la página y repita el cambio.");
        }
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>The history shows the Spanish labels, not the parameter names.</summary>
    private static Dictionary<string, string> Readable(RuleThresholds rule, Dictionary<string, double> values) =>
        rule.Parameters.ToDictionary(p => p.Label, p => MisuseThresholdInputValidator.Format(values[p.Name]));
}
