using System.Globalization;
using MudBlazor;

namespace Segip.Consulta.Web.Components.Shared;

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
