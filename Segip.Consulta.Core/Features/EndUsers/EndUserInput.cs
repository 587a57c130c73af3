using FluentValidation;
using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Core.Features.EndUsers;

/// <summary>An end user as an institution registers or edits it (contract: codigo, numeroDocumento, nombreCompleto, cargo, correo).</summary>
public sealed class EndUserInput
{
    public string? Code { get; set; }
    public string? DocumentNumber { get; set; }
    public string? FullName { get; set; }
    public string? Position { get; set; }
    public string? Email { get; set; }

    public EndUserInput Normalized() => new()
    {
        Code = Code?.Trim().ToUpperInvariant(),
        DocumentNumber = DocumentNumber?.Trim(),
        FullName = FullName?.Trim(),
        Position = string.IsNullOrWhiteSpace(Position) ? null : Position.Trim(),
        Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim().ToLowerInvariant(),
    };

    /// <summary>Contract (JSON) names of the properties, for error maps.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContractNames = new Dictionary<string, string>
    {
        [nameof(Code)] = "codigo",
        [nameof(DocumentNumber)] = "numeroDocumento",
        [nameof(FullName)] = "nombreCompleto",
        [nameof(Position)] = "cargo",
        [nameof(Email)] = "correo",
    };
}

public sealed class EndUserInputValidator : AbstractValidator<EndUserInput>
{
    public EndUserInputValidator()
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.Code).PlainText();
        RuleFor(x => x.DocumentNumber).PlainText();
        RuleFor(x => x.FullName).PlainText();
        RuleFor(x => x.Position).PlainText();
        RuleFor(x => x.Email).PlainText();
        RuleFor(x => x.Code)
            .NotEmpty().WithMessage("Indique el código del usuario final.")
            .Matches("^[A-Z0-9][A-Z0-9._-]{0,39}$").When(x => !string.IsNullOrEmpty(x.Code), ApplyConditionTo.CurrentValidator)
            .WithMessage("El código debe tener hasta 40 letras, dígitos, puntos, guiones o guiones bajos, sin espacios.");
        RuleFor(x => x.DocumentNumber)
            .NotEmpty().WithMessage("Indique el número de documento del usuario final.")
            .Matches("^[0-9]{1,10}$").When(x => !string.IsNullOrEmpty(x.DocumentNumber), ApplyConditionTo.CurrentValidator)
            .WithMessage("El número de documento debe tener de 1 a 10 dígitos.");
        RuleFor(x => x.FullName)
            .NotEmpty().WithMessage("Indique el nombre completo.")
            .Length(3, 200).When(x => !string.IsNullOrEmpty(x.FullName), ApplyConditionTo.CurrentValidator)
            .WithMessage("El nombre completo debe tener entre 3 y 200 caracteres.");
        RuleFor(x => x.Position).MaximumLength(120).WithMessage("El cargo no puede pasar de 120 caracteres.");
        RuleFor(x => x.Email)
            .EmailAddress().When(x => !string.IsNullOrEmpty(x.Email), ApplyConditionTo.CurrentValidator)
            .WithMessage("El correo electrónico no es válido.")
            .MaximumLength(150).WithMessage("El correo no puede pasar de 150 caracteres.");
    }
}
