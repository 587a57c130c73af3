using FluentValidation;

namespace Segip.Consulta.Core.Common;

/// <summary>A reason typed before an action (suspending an agreement, revoking a credential, opening a claim).</summary>
public sealed class ReasonInput
{
    public string? Reason { get; set; }
}

/// <summary>
/// Checks a reason with the rule of the service that will receive it (e.g. <c>StatusReason.Problem</c>), so the
/// dialog refuses exactly what the service would, with the same Spanish message, and the rule is declared once.
/// </summary>
public sealed class ReasonInputValidator : AbstractValidator<ReasonInput>
{
    /// <param name="problem">The service's rule: null when the reason is acceptable, else the Spanish error.</param>
    public ReasonInputValidator(Func<string?, string?> problem) => RuleFor(x => x.Reason).Satisfies(problem);
}

public static class TextRules
{
    /// <summary>A text rule written as a function (null when acceptable, else the Spanish error) as a validator rule.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> Satisfies<T>(this IRuleBuilder<T, string?> rule, Func<string?, string?> problem) =>
        rule.Custom((text, context) =>
        {
            if (problem(text) is { } message) context.AddFailure(message);
        });
}
