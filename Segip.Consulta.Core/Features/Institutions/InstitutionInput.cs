using System.Globalization;
using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Institutions;

/// <summary>An institution as the legal directorate registers or edits it.</summary>
public sealed class InstitutionInput
{
    public string? Name { get; set; }
    public string? Acronym { get; set; }
    public InstitutionType? Type { get; set; }
    public string? Nit { get; set; }
    public string? Address { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    /// <summary>Declared working days and hours (Bolivian time, "HH:mm"); the misuse detector flags queries outside them.</summary>
    public WorkingDays WorkingDays { get; set; } = WorkingDays.MondayToFriday;
    public string? WorkStart { get; set; } = "08:00";
    public string? WorkEnd { get; set; } = "20:00";

    public InstitutionInput Normalized() => new()
    {
        Name = InputText.Clean(Name),
        Acronym = InputText.Clean(Acronym)?.ToUpperInvariant(),
        Type = Type,
        Nit = InputText.Clean(Nit),
        Address = InputText.Clean(Address),
        ContactName = InputText.Clean(ContactName),
        ContactEmail = InputText.Clean(ContactEmail)?.ToLowerInvariant(),
        ContactPhone = InputText.Clean(ContactPhone),
        WorkingDays = WorkingDays,
        WorkStart = InputText.Clean(WorkStart),
        WorkEnd = InputText.Clean(WorkEnd),
    };

    public static InstitutionInput From(Institution i) => new()
    {
        Name = i.Name, Acronym = i.Acronym, Type = i.Type, Nit = i.Nit, Address = i.Address,
        ContactName = i.ContactName, ContactEmail = i.ContactEmail, ContactPhone = i.ContactPhone,
        WorkingDays = i.WorkingDays, WorkStart = Hour(i.WorkStart), WorkEnd = Hour(i.WorkEnd),
    };

    public static string Hour(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"HH:mm" as the validator accepts it; null otherwise.</summary>
    public static TimeOnly? ParseHour(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}

public sealed class InstitutionInputValidator : AbstractValidator<InstitutionInput>
{
    public InstitutionInputValidator()
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.Name).PlainText();
        RuleFor(x => x.Acronym).PlainText();
        RuleFor(x => x.Nit).PlainText();
        RuleFor(x => x.Address).PlainText();
        RuleFor(x => x.ContactName).PlainText();
        RuleFor(x => x.ContactEmail).PlainText();
        RuleFor(x => x.ContactPhone).PlainText();
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("Indique el nombre de la institución.")
            .Length(3, 200).WithMessage("El nombre debe tener entre 3 y 200 caracteres.");
        RuleFor(x => x.Acronym)
            .NotEmpty().WithMessage("Indique la sigla.")
            .Matches("^[A-Z0-9][A-Z0-9.&-]{0,29}$").When(x => !string.IsNullOrEmpty(x.Acronym), ApplyConditionTo.CurrentValidator)
            .WithMessage("La sigla debe tener hasta 30 letras o dígitos, sin espacios.");
        RuleFor(x => x.Type)
            .NotNull().WithMessage("Elija el tipo de institución.")
            .IsInEnum().WithMessage("Elija el tipo de institución.");
        RuleFor(x => x.Nit)
            .Matches("^[0-9]{5,20}$").When(x => !string.IsNullOrEmpty(x.Nit))
            .WithMessage("El NIT debe tener de 5 a 20 dígitos.");
        RuleFor(x => x.Address).MaximumLength(300).WithMessage("La dirección no puede pasar de 300 caracteres.");
        RuleFor(x => x.ContactName).MaximumLength(150).WithMessage("El nombre del contacto no puede pasar de 150 caracteres.");
        RuleFor(x => x.ContactEmail)
            .EmailAddress().When(x => !string.IsNullOrEmpty(x.ContactEmail), ApplyConditionTo.CurrentValidator)
            .WithMessage("El correo electrónico no es válido.")
            .MaximumLength(150).WithMessage("El correo no puede pasar de 150 caracteres.");
        RuleFor(x => x.ContactPhone)
            .Matches(@"^[0-9+() -]{6,40}$").When(x => !string.IsNullOrEmpty(x.ContactPhone))
            .WithMessage("El teléfono solo admite dígitos, espacios, guiones, paréntesis y +.");
        RuleFor(x => x.WorkingDays)
            .Must(d => d != WorkingDays.None && (d & ~WorkingDays.All) == 0).WithMessage("Elija al menos un día de trabajo.");
        RuleFor(x => x.WorkStart)
            .NotEmpty().WithMessage("Indique la hora de inicio de la jornada.")
            .Must(t => InstitutionInput.ParseHour(t) is not null).When(x => !string.IsNullOrEmpty(x.WorkStart), ApplyConditionTo.CurrentValidator)
            .WithMessage("La hora de inicio se escribe HH:mm, por ejemplo 08:00.");
        RuleFor(x => x.WorkEnd)
            .NotEmpty().WithMessage("Indique la hora de fin de la jornada.")
            .Must(t => InstitutionInput.ParseHour(t) is not null).When(x => !string.IsNullOrEmpty(x.WorkEnd), ApplyConditionTo.CurrentValidator)
            .WithMessage("La hora de fin se escribe HH:mm, por ejemplo 20:00.")
            .Must((x, end) => InstitutionInput.ParseHour(end) > InstitutionInput.ParseHour(x.WorkStart))
            .When(x => InstitutionInput.ParseHour(x.WorkStart) is not null && InstitutionInput.ParseHour(x.WorkEnd) is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("La hora de fin debe ser posterior a la de inicio (23:59 significa hasta la medianoche).");
    }
}

/// <summary>Spanish names of institution types, as forms and lists show them.</summary>
public static class InstitutionTypes
{
    public static string DisplayName(InstitutionType type) => type switch
    {
        InstitutionType.Publica => "Pública",
        InstitutionType.Privada => "Privada",
        InstitutionType.Financiera => "Financiera",
        InstitutionType.Telecomunicaciones => "Telecomunicaciones",
        _ => "Otra",
    };
}
