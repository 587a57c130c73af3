using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Web.Endpoints.Api;

/// <summary>JSON in and out of the web service: camelCase, accents unescaped, strict about types.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>. Malformed JSON or a value of the wrong type gives
    /// a 400 <c>SOLICITUD_INVALIDA</c> naming the offending field in the contract's terms.
    /// </summary>
    /// <param name="optional">The body may be the JSON literal null (generated clients send it for an omitted optional body).</param>
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext http, bool optional = false) where T : class
    {
        var (body, errors) = await ParseAsync<T>(http, optional);
        return (body, errors is null ? null : ApiProblems.Invalid(http, errors));
    }

    /// <summary>As <see cref="ReadAsync{T}"/>, with the field errors themselves (for callers that audit them first).</summary>
    public static async Task<(T? Body, IReadOnlyDictionary<string, string[]>? Errors)> ParseAsync<T>(HttpContext http, bool optional = false) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Options, http.RequestAborted);
            if (body is null && !optional)
                return (null, new Dictionary<string, string[]> { ["cuerpo"] = ["El cuerpo de la solicitud debe ser un objeto JSON."] });
            return (body, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var message = field == "cuerpo"
                ? "El cuerpo de la solicitud no es JSON válido."
                : field == QueryRequestValidator.ContractName(nameof(QueryRequest.BirthDate))
                    ? "La fecha debe tener el formato aaaa-mm-dd."
                    : "El valor no tiene el tipo esperado (se espera texto entre comillas).";
            return (null, new Dictionary<string, string[]> { [field] = [message] });
        }
    }

    /// <summary>"$.fechaNacimiento" → "fechaNacimiento"; the root or an unknown position → "cuerpo".</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$" || !path.StartsWith("$.", StringComparison.Ordinal)) return "cuerpo";
        var name = path[2..];
        var cut = name.IndexOfAny(['.', '[']);
        return cut > 0 ? name[..cut] : name;
    }
}
