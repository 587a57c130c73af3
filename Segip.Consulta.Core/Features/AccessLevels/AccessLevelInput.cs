using FluentValidation;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.AccessLevels;

/// <summary>An access level as the legal directorate defines it: a code, a name and fields from the catalogue.</summary>
public sealed class AccessLevelInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string> Fields { get; set; } = [];
    public bool RequiresConsent { get; set; }
    public bool AllowsNameSearch { get; set; }

    /// <summary>Trims text, upper-cases the code and keeps the fields in catalogue order (unknown codes stay, for the validator to name).</summary>
    public AccessLevelInput Normalized()
    {
        var fields = Fields.Select(f => f.Trim()).Where(f => f.Length > 0).Distinct().ToList();
        var unknown = fields.Where(f => !FieldCatalog.IsKnown(f));
        return new()
        {
            Code = InputText.Clean(Code)?.ToUpperInvariant(),
            Name = InputText.Clean(Name),
            Description = InputText.Clean(Description),
            Fields = [.. FieldCatalog.Normalize(fields), .. unknown],
            RequiresConsent = RequiresConsent,
            AllowsNameSearch = AllowsNameSearch,
        };
    }

    public static AccessLevelInput From(AccessLevel level) => new()
    {
        Code = level.Code, Name = level.Name, Description = level.Description, Fields = [.. level.Fields],
        RequiresConsent = level.RequiresConsent, AllowsNameSearch = level.AllowsNameSearch,
    };
}

public sealed class AccessLevelInputValidator : AbstractValidator<AccessLevelInput>
{
    public AccessLevelInputValidator()
    {
        // Plain text only (FreeText): no control characters or bidirectional overrides.
        RuleFor(x => x.Code).PlainText();
        RuleFor(x => x.Name).PlainText();
        RuleFor(x => x.Description).PlainText(multiline: true);
        RuleFor(x => x.Code)
            .NotEmpty().WithMessage("Indique el código del nivel.")
            .Matches("^[A-Z][A-Z0-9_]{2,39}$").When(x => !string.IsNullOrEmpty(x.Code), ApplyConditionTo.CurrentValidator)
            .WithMessage("El código debe tener de 3 a 40 letras mayúsculas, dígitos o guiones bajos, y empezar con una letra.");
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("Indique el nombre del nivel.")
            .Length(3, 120).When(x => !string.IsNullOrEmpty(x.Name), ApplyConditionTo.CurrentValidator)
            .WithMessage("El nombre debe tener entre 3 y 120 caracteres.");
        RuleFor(x => x.Description).MaximumLength(500).WithMessage("La descripción no puede pasar de 500 caracteres.");
        RuleFor(x => x.Fields)
            .Must(fields => fields.All(FieldCatalog.IsKnown))
            .WithMessage(x => $"Campos desconocidos: {string.Join(", ", x.Fields.Where(f => !FieldCatalog.IsKnown(f)))}.");
        RuleFor(x => x.AllowsNameSearch)
            .Must((x, allows) => !allows || x.Fields.Count > 0)
            .WithMessage("La búsqueda por nombre necesita al menos un campo que devolver.");
        RuleFor(x => x.RequiresConsent)
            .Must((x, requires) => !requires || x.Fields.Count > 0)
            .WithMessage("Un nivel sin campos (solo contrastación) no necesita consentimiento.");
    }
}
