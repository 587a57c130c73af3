using Segip.Consulta.Core.Common;

namespace Segip.Consulta.Core.Features.Agreements;

/// <summary>
/// The legal basis of a reserved agreement (the law or order that keeps its queries from the persons
/// queried) and the reason for lifting a reservation: required plain text, 10–500 characters.
/// </summary>
public static class ReservedBasisRules
{
    public const string Field = "ReservedBasis";
    public const int MinLength = 10;
    public const int MaxLength = 500;

    public static string? Problem(string? text, string missing) => InputText.Clean(text) switch
    {
        null => missing,
        { Length: < MinLength } => $"El texto debe tener al menos {MinLength} caracteres.",
        { Length: > MaxLength } => $"El texto no puede pasar de {MaxLength} caracteres.",
        var clean when !FreeText.IsClean(clean, multiline: true) => FreeText.Message,
        _ => null,
    };
}
