using FluentValidation;

namespace Segip.Consulta.Core.Common;

/// <summary>The rule every search with a "desde"/"hasta" pair shares, with one Spanish message.</summary>
public static class DateRangeRules
{
    public const string EndBeforeStart = "La fecha final no puede ser anterior a la inicial.";

    /// <summary>The end day, when both days are given, is the start day or later (both days are included).</summary>
    public static IRuleBuilderOptions<T, DateOnly?> NotBefore<T>(this IRuleBuilder<T, DateOnly?> end, Func<T, DateOnly?> start) =>
        end.Must((filter, day) => day is not { } last || start(filter) is not { } first || last >= first).WithMessage(EndBeforeStart);
}
