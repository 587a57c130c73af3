using System.Globalization;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>Spanish wording of codes and values as certificates and the verification page show them.</summary>
public static class CertificateLabels
{
    public static string Channel(Channel channel) => channel switch
    {
        Domain.Channel.Web => "Aplicación web",
        _ => "Servicio web",
    };

    public static string QueryType(QueryType type) => type switch
    {
        Domain.QueryType.Document => "Por documento (DOCUMENTO)",
        Domain.QueryType.Verification => "Contrastación de datos (CONTRASTACION)",
        Domain.QueryType.Name => "Por nombre (NOMBRE)",
        _ => type.ToCode(),
    };

    /// <summary>A disclosed value as printed: dates dd/MM/yyyy, booleans Sí/No, absent values "sin dato".</summary>
    public static string Value(object? value) => value switch
    {
        null => "(sin dato)",
        bool b => b ? "Sí" : "No",
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        string { Length: 0 } => "(sin dato)",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
