using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

// What a reviewer types on an alert, one input per action (each is its own form on the alert page).

/// <summary>The reviewer an alert is assigned to.</summary>
public sealed class AlertAssignment
{
    public string? AssignedTo { get; set; }
}

public sealed class AlertAssignmentValidator : AbstractValidator<AlertAssignment>
{
    public AlertAssignmentValidator() =>
        RuleFor(x => x.AssignedTo).Must(a => InputText.Clean(a) is not null).WithMessage("Elija a quién asignar la alerta.");
}

/// <summary>The conclusion that closes an alert: why it is or is not misuse, and what was done.</summary>
public sealed class AlertClosing
{
    public string? Conclusion { get; set; }
}

public sealed class AlertClosingValidator : AbstractValidator<AlertClosing>
{
    public AlertClosingValidator() =>
        RuleFor(x => x.Conclusion).Satisfies(text => InputText.Clean(text) switch
        {
            null or { Length: < MisuseAlertLimits.ConclusionMin } =>
                $"Escriba la conclusión de la revisión (al menos {MisuseAlertLimits.ConclusionMin} caracteres).",
            { Length: > MisuseAlertLimits.ConclusionMax } => $"La conclusión admite hasta {MisuseAlertLimits.ConclusionMax} caracteres.",
            _ => null,
        });
}
