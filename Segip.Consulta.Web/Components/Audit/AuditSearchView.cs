using MudBlazor;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Web.Components.Shared;
using Segip.Consulta.Web.Endpoints;

namespace Segip.Consulta.Web.Components.Audit;

/// <summary>
/// The bitácora search page's view as its address: the filter (same parameters as the exports) and the list's
/// page, rows per page and sort (<see cref="ListView"/>, shared with every list).
/// </summary>
public sealed record AuditSearchView(AuditSearchFilter Filter, ListView List, IReadOnlyDictionary<string, string[]> Errors, bool HasFilter)
{
    public static readonly ListDefaults Defaults = new(25, "time", Descending: true) { Sorts = ["time", "institution", "user", "document"] };

    /// <summary>The sort choices offered on a phone, where the table has no column headers.</summary>
    public static readonly IReadOnlyList<SortChoice> SortChoices =
    [
        new("time", "Fecha y hora"), new("institution", "Institución"), new("user", "Usuario final"), new("document", "Datos consultados"),
    ];

    public static AuditSearchView Default { get; } = new(new AuditSearchFilter(), ListView.Default(Defaults), new Dictionary<string, string[]>(), false);

    public int Page => List.Page;
    public int PageSize => List.PageSize;
    public string Sort => List.Sort;
    public bool Descending => List.Descending;

    public static AuditSearchView Parse(string uri)
    {
        var query = QueryReader.FromUri(uri);
        var (filter, errors) = AuditQueryString.Parse(query);
        var hasFilter = AuditQueryString.ToQuery(filter).Length > 0 || errors.Count > 0;
        return new(filter, ListView.Read(query, Defaults), errors, hasFilter);
    }

    public string ToQuery() => AuditQueryString.ToQuery(Filter, List.Parameters(Defaults).ToArray());

    public SortDirection InitialDirection(string label) => List.InitialDirection(label);
}
