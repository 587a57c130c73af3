using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>
/// Reads a list's filters from its address (Spanish parameter names, dates yyyy-MM-dd), keeping a Spanish error
/// for each value it cannot read, so a page can say why it shows nothing instead of showing stale results.
/// </summary>
public sealed class QueryReader(IQueryCollection query)
{
    public static QueryReader FromUri(string uri) => new(new QueryCollection(QueryHelpers.ParseQuery(new Uri(uri).Query)));

    public Dictionary<string, string[]> Errors { get; } = [];

    public string Text(string key) => query[key].ToString();

    public string? TextOrNull(string key) => Text(key) is { Length: > 0 } text ? text : null;

    public DateOnly? Date(string key)
    {
        var text = Text(key);
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Errors[key] = ["Fecha no válida (use aaaa-mm-dd)."];
        return null;
    }

    public int? Number(string key)
    {
        var text = Text(key);
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        Errors[key] = ["Identificador no válido."];
        return null;
    }

    /// <summary>
    /// An enum by its contract code (ENCONTRADO, EN_REVISION…) or its member name (InReview); numbers are refused so an
    /// address never depends on enum order.
    /// </summary>
    public T? Code<T>(string key) where T : struct, Enum
    {
        var text = Text(key);
        if (text.Length == 0) return null;
        if (ContractCodes.TryParseCode<T>(text.ToUpperInvariant(), out var coded)) return coded;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)) return value;
        Errors[key] = [$"Valor no admitido: {text}."];
        return null;
    }

    /// <summary>A yes/no choice: "si" or "no"; absent is null.</summary>
    public bool? YesNo(string key) => Text(key) switch
    {
        "" => null,
        "si" => true,
        "no" => false,
        var other => Invalid(key, other),
    };

    private bool? Invalid(string key, string text)
    {
        Errors[key] = [$"Valor no admitido: {text}."];
        return null;
    }
}
