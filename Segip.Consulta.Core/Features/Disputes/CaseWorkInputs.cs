using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Disputes;

// What staff type on a case, one input per action (each is its own form on the case page). Property names are the
// case's own, so a service error lands on the field that caused it.

/// <summary>The auditor a case is assigned to.</summary>
public sealed class CaseAssignment
{
    public string? AssignedTo { get; set; }
}

public sealed class CaseAssignmentValidator : AbstractValidator<CaseAssignment>
{
    public CaseAssignmentValidator() =>
        RuleFor(x => x.AssignedTo).Must(a => InputText.Clean(a) is not null).WithMessage("Elija a quién asignar el caso.");
}

/// <summary>An auditor's working note.</summary>
public sealed class CaseNote
{
    public string? Note { get; set; }
}

public sealed class CaseNoteValidator : AbstractValidator<CaseNote>
{
    public CaseNoteValidator() =>
        RuleFor(x => x.Note).Satisfies(t => DisputeTexts.Problem(t, DisputeTexts.AnswerMin, DisputeTexts.AnswerMax, "Escriba la nota."));
}

/// <summary>The institution's justification of the disputed query.</summary>
public sealed class CaseAnswer
{
    public string? InstitutionAnswer { get; set; }
}

public sealed class CaseAnswerValidator : AbstractValidator<CaseAnswer>
{
    public CaseAnswerValidator() =>
        RuleFor(x => x.InstitutionAnswer).Satisfies(t =>
            DisputeTexts.Problem(t, DisputeTexts.AnswerMin, DisputeTexts.AnswerMax, "Escriba la justificación de la consulta."));
}

/// <summary>How a case ends: the outcome and the answer the citizen reads.</summary>
public sealed class CaseResolution
{
    public CaseOutcome? Outcome { get; set; }
    public string? Resolution { get; set; }
}

public sealed class CaseResolutionValidator : AbstractValidator<CaseResolution>
{
    public CaseResolutionValidator()
    {
        RuleFor(x => x.Outcome).Must(o => o is CaseOutcome.Founded or CaseOutcome.Unfounded)
            .WithMessage("Indique si el reclamo es fundado o infundado.");
        RuleFor(x => x.Resolution).Satisfies(t =>
            DisputeTexts.Problem(t, DisputeTexts.AnswerMin, DisputeTexts.AnswerMax, "Escriba la respuesta para el ciudadano."));
    }
}
