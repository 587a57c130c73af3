using FluentValidation;
using FluentValidation.Results;
using MudBlazor;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// The one bridge between a <c>MudForm</c> and a Core FluentValidation validator: MudForm asks for one property at a
/// time (<see cref="Validate"/>, fields bound with <c>For</c>) and gets that property's messages. The rules live only
/// in Core; the form is bound to the Core input itself. Errors a service returned after submit (duplicates,
/// lifecycle rules) show on the same field until its value changes or the form is submitted again.
/// </summary>
/// <param name="model">The value to validate, e.g. the input's <c>Normalized()</c> copy.</param>
/// <param name="context">Facts the Core validator reads from <c>RootContextData</c> (e.g. whether consent is required).</param>
public sealed class FormValidation<T>(IValidator<T> validator, Func<T> model, Func<IDictionary<string, object>>? context = null)
{
    private readonly Dictionary<string, (string[] Messages, object? Value)> serverErrors = [];
    private bool checkedOnce;

    public Func<object, string, Task<IEnumerable<string>>> Validate => ValidateAsync;

    /// <summary>
    /// The validation of one field that no <c>For</c> expression can name (a value kept by key, such as a rule's
    /// threshold): set it as that field's own <c>Validation</c>; it shows the messages of <paramref name="property"/>.
    /// </summary>
    public Func<TValue, Task<IEnumerable<string>>> Field<TValue>(string property) => _ => ValidateAsync(null!, property);

    /// <summary>Forgets what was shown for the previous model (the form is reused for another one).</summary>
    public async Task ResetAsync(MudForm? form)
    {
        serverErrors.Clear();
        checkedOnce = false;
        if (form is not null) await form.ResetValidationAsync();
    }

    /// <summary>Validates every field (each shows its messages); true when the model may go to the service.</summary>
    public async Task<bool> CheckAsync(MudForm? form)
    {
        serverErrors.Clear();
        checkedOnce = true;
        var result = await validator.ValidateAsync(Context(model()));
        if (form is not null) await form.ValidateAsync();
        return result.IsValid && (form?.IsValid ?? true);
    }

    /// <summary>Shows a service's field errors on their fields (and through <see cref="Messages"/> for the rest).</summary>
    public async Task ShowServerErrorsAsync(IReadOnlyDictionary<string, string[]> errors, MudForm? form)
    {
        var current = model();
        serverErrors.Clear();
        foreach (var (property, messages) in errors) serverErrors[property] = (messages, ValueOf(current, property));
        checkedOnce = true;
        if (form is not null) await form.ValidateAsync();
    }

    /// <summary>
    /// The messages of a property shown outside a MudForm field (a check-box group): none before the first submit,
    /// then kept current as the user changes the model.
    /// </summary>
    public string? Messages(string property)
    {
        if (!checkedOnce) return null;
        var messages = ForProperty(validator.Validate(Context(model())), model(), property);
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private async Task<IEnumerable<string>> ValidateAsync(object _, string property)
    {
        var current = model();
        return ForProperty(await validator.ValidateAsync(Context(current)), current, property);
    }

    /// <summary>One property's messages: the service's (while the value is the one it refused), then the validator's.</summary>
    private List<string> ForProperty(ValidationResult result, T current, string property)
    {
        var messages = new List<string>();
        if (serverErrors.TryGetValue(property, out var server))
        {
            if (Same(ValueOf(current, property), server.Value)) messages.AddRange(server.Messages);
            else serverErrors.Remove(property);
        }
        // The service's message first: a field shows its first message.
        return [.. messages.Concat(result.Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage)).Distinct()];
    }

    private ValidationContext<T> Context(T value)
    {
        var validation = new ValidationContext<T>(value);
        if (context is not null)
            foreach (var (key, data) in context()) validation.RootContextData[key] = data;
        return validation;
    }

    private static object? ValueOf(T value, string property) => typeof(T).GetProperty(property)?.GetValue(value);

    /// <summary>Equal values, or lists with the same items (a normalised copy builds a new list each time).</summary>
    private static bool Same(object? a, object? b) =>
        Equals(a, b) || (a is System.Collections.IEnumerable x && b is System.Collections.IEnumerable y && a is not string
                         && x.Cast<object?>().SequenceEqual(y.Cast<object?>()));
}
