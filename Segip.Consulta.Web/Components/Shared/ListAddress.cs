using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
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

/// <summary>Writes a list's state as a query string; empty values are left out, so the default view has a bare address.</summary>
public static class QueryWriter
{
    public static string Build(IEnumerable<(string Key, string? Value)> values) =>
        QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Number(int? number) => number?.ToString(CultureInfo.InvariantCulture);

    public static string? YesNo(bool? value) => value switch { true => "si", false => "no", null => null };
}

/// <summary>What a list shows when its address says nothing: rows per page and sort.</summary>
public sealed record ListDefaults(int PageSize, string Sort = "", bool Descending = true)
{
    /// <summary>The sort labels the list accepts from an address; anything else falls back to <see cref="Sort"/>.</summary>
    public IReadOnlyList<string> Sorts { get; init; } = [];
}

/// <summary>
/// A list's page ("pagina", 1-based), rows per page ("filas") and sort ("orden", "dir") in its address: every list
/// keeps these the same way, so Back, reload and a shared link show the same page in the same order.
/// </summary>
public sealed record ListView(int Page, int PageSize, string Sort, bool Descending)
{
    private static readonly int[] PageSizes = [10, 20, 25, 50, 100];

    public static ListView Default(ListDefaults d) => new(0, d.PageSize, d.Sort, d.Descending);

    public static ListView Read(QueryReader q, ListDefaults d)
    {
        var page = int.TryParse(q.Text("pagina"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p - 1 : 0;
        var size = int.TryParse(q.Text("filas"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && PageSizes.Contains(s) ? s : d.PageSize;
        var sort = d.Sorts.Contains(q.Text("orden")) ? q.Text("orden") : d.Sort;
        var descending = q.Text("dir") switch { "asc" => false, "desc" => true, _ => d.Descending };
        return new(page, size, sort, descending);
    }

    /// <summary>The address parameters that differ from the defaults.</summary>
    public IEnumerable<(string Key, string? Value)> Parameters(ListDefaults d) =>
    [
        ("pagina", Page > 0 ? (Page + 1).ToString(CultureInfo.InvariantCulture) : null),
        ("filas", PageSize != d.PageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null),
        ("orden", Sort != d.Sort ? Sort : null),
        ("dir", Descending == d.Descending ? null : Descending ? "desc" : "asc"),
    ];

    /// <summary>The table's page and sort after the person paged or clicked a column.</summary>
    public static ListView From(TableState state, ListDefaults d)
    {
        var unsorted = string.IsNullOrEmpty(state.SortLabel) || state.SortDirection == SortDirection.None;
        return new(state.Page, state.PageSize, unsorted ? d.Sort : state.SortLabel!, unsorted ? d.Descending : state.SortDirection == SortDirection.Descending);
    }

    /// <summary>The direction a column's sort label starts with, so a restored list shows its sort in the header.</summary>
    public SortDirection InitialDirection(string label) =>
        label != Sort ? SortDirection.None : Descending ? SortDirection.Descending : SortDirection.Ascending;
}

public static class ListAddressNavigation
{
    /// <summary>
    /// Puts a list's state in the address of the current page, when it changed. Paging, sorting and typing replace
    /// the history entry; <paramref name="newEntry"/> (a new search) adds one, so Back returns to the previous search.
    /// </summary>
    public static string ShowInAddress(this NavigationManager navigation, string query, bool newEntry = false)
    {
        var uri = new Uri(navigation.Uri).GetLeftPart(UriPartial.Path) + query;
        if (uri != navigation.Uri) navigation.NavigateTo(uri, replace: !newEntry);
        return uri;
    }
}

/// <summary>One way a list can be sorted: its sort label and the column's name.</summary>
public sealed record SortChoice(string Key, string Label);

public static class ListTableExtensions
{
    /// <summary>After a filter changed: back to the first page (the old page number may not exist any more), then load.</summary>
    public static async Task FirstPageAsync<T>(this MudTable<T>? table)
    {
        if (table is null) return;
        table.NavigateTo(0);
        await table.ReloadServerData();
    }
}
