using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>The input rules shared by the web form, REST and SOAP (docs/contract.md). Messages are shown to users.</summary>
public sealed class QueryRequestValidator : AbstractValidator<QueryRequest>
{
    /// <summary>The contract's (JSON/XML) name of each input property, for error maps.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContractNames = new Dictionary<string, string>
    {
        [nameof(QueryRequest.DocumentType)] = "tipoDocumento",
        [nameof(QueryRequest.DocumentNumber)] = "numeroDocumento",
        [nameof(QueryRequest.Complement)] = "complemento",
        [nameof(QueryRequest.FirstNames)] = "nombres",
        [nameof(QueryRequest.FirstSurname)] = "primerApellido",
        [nameof(QueryRequest.SecondSurname)] = "segundoApellido",
        [nameof(QueryRequest.BirthDate)] = "fechaNacimiento",
        [nameof(QueryRequest.Purpose)] = "finalidad",
        [nameof(QueryRequest.ConsentReference)] = "referenciaConsentimiento",
    };

    /// <summary>
    /// <c>RootContextData</c> key set by a caller that already knows the agreement's level demands the person's consent
    /// (the web form); the gate itself refuses such queries with <c>CONSENTIMIENTO_REQUERIDO</c>.
    /// </summary>
    public const string ConsentRequired = "consentRequired";

    public static string ContractName(string property) => ContractNames.TryGetValue(property, out var n) ? n : property;

    public QueryRequestValidator(TimeProvider time)
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.DocumentType).PlainText();
        RuleFor(x => x.DocumentNumber).PlainText();
        RuleFor(x => x.Complement).PlainText();
        RuleFor(x => x.FirstNames).PlainText();
        RuleFor(x => x.FirstSurname).PlainText();
        RuleFor(x => x.SecondSurname).PlainText();
        RuleFor(x => x.Purpose).PlainText(multiline: true);
        RuleFor(x => x.ConsentReference).PlainText();
        When(x => x.Type is QueryType.Document or QueryType.Verification, () =>
        {
            RuleFor(x => x.DocumentType)
                .NotEmpty().WithMessage("Indique el tipo de documento.")
                .Must(t => ContractCodes.TryParseCode<DocumentType>(t, out _))
                .When(x => !string.IsNullOrEmpty(x.DocumentType), ApplyConditionTo.CurrentValidator)
                .WithMessage("El tipo de documento debe ser CI, CIE, LIC o LICE.");
            RuleFor(x => x.DocumentNumber)
                .NotEmpty().WithMessage("Indique el número de documento.")
                .Matches("^[0-9]{1,10}$").When(x => !string.IsNullOrEmpty(x.DocumentNumber), ApplyConditionTo.CurrentValidator)
                .WithMessage("El número de documento debe tener de 1 a 10 dígitos, sin letras ni espacios.");
            RuleFor(x => x.Complement)
                .Matches("^[0-9][A-Z]$").When(x => !string.IsNullOrEmpty(x.Complement), ApplyConditionTo.CurrentValidator)
                .WithMessage("El complemento debe ser un dígito seguido de una letra, por ejemplo 1A.");
        });

        When(x => x.Type == QueryType.Verification, () =>
        {
            RuleFor(x => x)
                .Must(x => x.ClaimedFields().Count > 0)
                .WithMessage("Indique al menos un dato a contrastar: nombres, apellidos o fecha de nacimiento.")
                .OverridePropertyName(nameof(QueryRequest.FirstNames));
        });

        When(x => x.Type == QueryType.Name, () =>
        {
            RuleFor(x => x.FirstNames).NotEmpty().WithMessage("Indique los nombres.");
            RuleFor(x => x.FirstSurname).NotEmpty().WithMessage("Indique el primer apellido.");
            RuleFor(x => x.BirthDate).NotNull().WithMessage("Indique la fecha de nacimiento.");
        });

        RuleFor(x => x.FirstNames).MaximumLength(100).WithMessage("Los nombres no pueden pasar de 100 caracteres.");
        RuleFor(x => x.FirstSurname).MaximumLength(60).WithMessage("El primer apellido no puede pasar de 60 caracteres.");
        RuleFor(x => x.SecondSurname).MaximumLength(60).WithMessage("El segundo apellido no puede pasar de 60 caracteres.");
        RuleFor(x => x.BirthDate)
            // Today in Bolivia, by the injected clock: at 21:00 in La Paz the UTC date is already tomorrow's.
            .Must(d => d is null || (d.Value.Year >= 1890 && d.Value <= BoliviaClock.Today(time)))
            .WithMessage("La fecha de nacimiento no es válida.");

        RuleFor(x => x.Purpose)
            .NotEmpty().WithMessage("Indique la finalidad de la consulta.")
            .Length(5, 500).When(x => !string.IsNullOrEmpty(x.Purpose), ApplyConditionTo.CurrentValidator)
            .WithMessage("La finalidad debe tener entre 5 y 500 caracteres.");
        RuleFor(x => x.ConsentReference)
            .Must((_, reference, context) => !string.IsNullOrEmpty(reference) || !context.RootContextData.ContainsKey(ConsentRequired))
            .WithMessage("Indique la referencia del consentimiento de la persona consultada.")
            .MaximumLength(100).WithMessage("La referencia del consentimiento no puede pasar de 100 caracteres.");
    }
}
