using FluentValidation.Results;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// Field → messages, from the Core validator or from a service result, so editors show each message
/// next to its field (text boxes, selects and check-box groups alike).
/// </summary>
public sealed class ErrorMap
{
    private Dictionary<string, string[]> errors = [];

    public bool IsEmpty => errors.Count == 0;

    public bool Has(string field) => errors.ContainsKey(field);

    public string? Text(string field) => errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public void Set(IReadOnlyDictionary<string, string[]> map) => errors = map.ToDictionary(e => e.Key, e => e.Value);

    public void Set(ValidationResult result) =>
        errors = result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    public void Add(string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

    public void Replace(string field, string message) => errors[field] = [message];

    public void Clear() => errors = [];
}
