using FluentValidation;
using FluentValidation.Results;

namespace Segip.Consulta.Core.Common;

/// <summary>FluentValidation results in the shape forms and 400 answers show: field (the input's property) → Spanish messages.</summary>
public static class ValidationErrors
{
    public static Dictionary<string, string[]> Of(ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    /// <summary>Validates <paramref name="input"/>: its errors, or null when it is valid.</summary>
    public static async Task<Dictionary<string, string[]>?> ErrorsAsync<T>(this IValidator<T> validator, T input, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(input, ct);
        return result.IsValid ? null : Of(result);
    }
}
