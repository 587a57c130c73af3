namespace Segip.Consulta.Core.Common;

public enum ServiceStatus { Ok, Invalid, Forbidden, NotFound, Conflict }

/// <summary>
/// The outcome of a staff operation: the value, or why not. <see cref="Errors"/> maps a field (the
/// input's property name) to Spanish messages, for forms and for 400 answers alike.
/// </summary>
public sealed record ServiceResult<T>
{
    public ServiceStatus Status { get; init; }
    public T? Value { get; init; }
    public string? Message { get; init; }
    /// <summary>A stable code for machine callers (e.g. the contract's refusal code), when there is one.</summary>
    public string? Code { get; init; }
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    public bool IsOk => Status == ServiceStatus.Ok;

    public static ServiceResult<T> Ok(T value) => new() { Status = ServiceStatus.Ok, Value = value };
    public static ServiceResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors, string message = "Los datos tienen errores.") =>
        new() { Status = ServiceStatus.Invalid, Errors = errors, Message = message };
    public static ServiceResult<T> Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, message);
    public static ServiceResult<T> Forbidden(string message = "No tiene permiso para esta operación.") =>
        new() { Status = ServiceStatus.Forbidden, Message = message };
    public static ServiceResult<T> NotFound(string message) => new() { Status = ServiceStatus.NotFound, Message = message };
    public static ServiceResult<T> Conflict(string field, string message) =>
        new() { Status = ServiceStatus.Conflict, Message = message, Errors = new Dictionary<string, string[]> { [field] = [message] } };

    public static ServiceResult<T> FromValidation(FluentValidation.Results.ValidationResult result) =>
        Invalid(ValidationErrors.Of(result));
}
