using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>Writes a list's state as a query string; empty values are left out, so the default view has a bare address.</summary>
public static class QueryWriter
{
    public static string Build(IEnumerable<(string Key, string? Value)> values) =>
        QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Number(int? number) => number?.ToString(CultureInfo.InvariantCulture);

    public static string? YesNo(bool? value) => value switch { true => "si", false => "no", null => null };
}
