using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Core.Features.Citizens;

/// <summary>The citizen's filters on their own list: a calendar year (Bolivia) and an institution.</summary>
public sealed record CitizenQueryFilter : PageRequest
{
    public int? Year { get; init; }
    public int? InstitutionId { get; init; }
}

/// <summary>
/// One query about the citizen, as they read it: what, when, who (the institution, never its officer) and
/// why. <see cref="CaseId"/> is the dispute the citizen opened about it, if any.
/// </summary>
public sealed record CitizenQueryRow(long Sequence, DateTime TimestampUtc, string InstitutionName, Channel Channel, QueryType QueryType,
    string? Purpose, string? ConsentReference, string DisclosedFields, QueryResult Result, long? CaseId);

public sealed record CitizenQueryPage(IReadOnlyList<CitizenQueryRow> Rows, int Total);

/// <summary>The institutions that queried the citizen and the years with queries, for the filter lists.</summary>
public sealed record CitizenFilterOptions(IReadOnlyList<NamedOption> Institutions, IReadOnlyList<int> Years);

/// <summary>Spanish texts of the citizen's list, shared by the page, the PDF and the CSV.</summary>
public static class CitizenQueryTexts
{
    public const string ReservedNotice =
        "No se muestran las consultas realizadas bajo convenios reservados por ley (por ejemplo, investigaciones penales).";

    public static string Channel(Channel channel) => channel == Domain.Channel.Web ? "Web" : "Servicio web";

    public static string QueryType(QueryType type) => type switch
    {
        Domain.QueryType.Document => "Consulta por documento",
        Domain.QueryType.Verification => "Verificación de datos",
        Domain.QueryType.Name => "Búsqueda por nombre",
        _ => "Certificado de consulta",
    };

    public static string Result(QueryResult result) => result switch
    {
        QueryResult.Found => "Datos entregados",
        QueryResult.Matched => "Los datos coinciden",
        QueryResult.NotMatched => "Los datos no coinciden",
        QueryResult.Issued => "Certificado emitido",
        QueryResult.NotFound => "Sin resultados",
        _ => "Rechazada",
    };

    public static string Fields(string codes)
    {
        var labels = codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(FieldCatalog.Label).ToList();
        return labels.Count == 0 ? "Ninguno" : string.Join(", ", labels);
    }
}
