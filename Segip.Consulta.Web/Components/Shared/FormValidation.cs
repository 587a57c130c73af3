using FluentValidation;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// Feeds a Core FluentValidation validator to a <c>MudForm</c>, field by field, and adds the errors a
/// service returned (duplicates, lifecycle rules) so they show next to the same field.
/// </summary>
public sealed class FormValidation<T>(IValidator<T> validator, Func<T> model)
{
    private IReadOnlyDictionary<string, string[]> serverErrors = new Dictionary<string, string[]>();

    public Func<object, string, Task<IEnumerable<string>>> Validate => ValidateAsync;

    public void SetServerErrors(IReadOnlyDictionary<string, string[]> errors) => serverErrors = errors;

    public void ClearServerErrors() => serverErrors = new Dictionary<string, string[]>();

    private async Task<IEnumerable<string>> ValidateAsync(object _, string property)
    {
        var result = await validator.ValidateAsync(model());
        var messages = result.Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage).ToList();
        if (serverErrors.TryGetValue(property, out var server)) messages.AddRange(server.Except(messages));
        return messages;
    }
}
