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
    };

    public static InstitutionInput From(Institution i) => new()
    {
        Name = i.Name, Acronym = i.Acronym, Type = i.Type, Nit = i.Nit, Address = i.Address,
        ContactName = i.ContactName, ContactEmail = i.ContactEmail, ContactPhone = i.ContactPhone,
    };
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
