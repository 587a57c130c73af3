using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// A bitácora search in a URL (Spanish parameter names, dates yyyy-MM-dd), so the page links the export
/// endpoints to exactly the search on screen.
/// </summary>
public static class AuditQueryString
{
    public static string ToQuery(AuditSearchFilter f, params (string Key, string? Value)[] extra) =>
        QueryWriter.Build(Parameters(f).Concat(extra));

    private static IEnumerable<(string Key, string? Value)> Parameters(AuditSearchFilter f) =>
    [
        ("desde", QueryWriter.Date(f.From)), ("hasta", QueryWriter.Date(f.To)),
        ("institucion", QueryWriter.Number(f.InstitutionId)), ("convenio", QueryWriter.Number(f.AgreementId)),
        ("usuario", f.EndUserCode), ("canal", f.Channel?.ToCode()), ("tipo", f.QueryType?.ToCode()),
        ("resultado", f.Result?.ToCode()), ("documento", f.DocumentNumber), ("finalidad", f.PurposeText),
    ];

    /// <summary>The filter in the query, or the Spanish errors of the parameters that could not be read.</summary>
    public static (AuditSearchFilter Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query) => Parse(new QueryReader(query));

    public static (AuditSearchFilter Filter, Dictionary<string, string[]> Errors) Parse(QueryReader q)
    {
        var filter = new AuditSearchFilter
        {
            From = q.Date("desde"), To = q.Date("hasta"), InstitutionId = q.Number("institucion"), AgreementId = q.Number("convenio"),
            EndUserCode = q.Text("usuario"), Channel = q.Code<Channel>("canal"), QueryType = q.Code<QueryType>("tipo"),
            Result = q.Code<QueryResult>("resultado"), DocumentNumber = q.Text("documento"), PurposeText = q.Text("finalidad"),
        };
        return (filter, q.Errors);
    }
}
