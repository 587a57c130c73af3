using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Web.Endpoints;

namespace Segip.Consulta.Web.Components.Audit;

/// <summary>
/// The bitácora search page's view as its address: the filter (same parameters as the exports), the page
/// ("pagina", 1-based), rows per page ("filas") and sort ("orden", "dir").
/// </summary>
public sealed record AuditSearchView(AuditSearchFilter Filter, int Page, int PageSize, string Sort, bool Descending,
    IReadOnlyDictionary<string, string[]> Errors, bool HasFilter)
{
    private static readonly string[] SortLabels = ["time", "institution", "user", "document"];
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    public static AuditSearchView Default { get; } = new(new AuditSearchFilter(), 0, 25, "time", true, new Dictionary<string, string[]>(), false);

    public static AuditSearchView Parse(string uri)
    {
        var query = new QueryCollection(QueryHelpers.ParseQuery(new Uri(uri).Query));
        var (filter, errors) = AuditQueryString.Parse(query);
        var page = int.TryParse(query["pagina"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p - 1 : 0;
        var size = int.TryParse(query["filas"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && PageSizes.Contains(s) ? s : 25;
        var sort = SortLabels.Contains(query["orden"].ToString()) ? query["orden"].ToString() : "time";
        var descending = query["dir"].ToString() != "asc";
        var hasFilter = AuditQueryString.ToQuery(filter).Length > 0 || errors.Count > 0;
        return new(filter, page, size, sort, descending, errors, hasFilter);
    }

    public string ToQuery() => AuditQueryString.ToQuery(Filter,
        ("pagina", Page > 0 ? (Page + 1).ToString(CultureInfo.InvariantCulture) : null),
        ("filas", PageSize != 25 ? PageSize.ToString(CultureInfo.InvariantCulture) : null),
        ("orden", Sort != "time" ? Sort : null),
        ("dir", Descending ? null : "asc"));

    public SortDirection InitialDirection(string label) =>
        label != Sort ? SortDirection.None : Descending ? SortDirection.Descending : SortDirection.Ascending;
}
