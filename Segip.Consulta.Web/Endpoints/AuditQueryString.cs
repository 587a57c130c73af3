using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Web.Endpoints;

/// <summary>
/// A bitácora search in a URL (Spanish parameter names, dates yyyy-MM-dd), so the page links the export
/// endpoints to exactly the search on screen.
/// </summary>
public static class AuditQueryString
{
    public static string ToQuery(AuditSearchFilter f, params (string Key, string? Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["desde"] = f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["hasta"] = f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["institucion"] = f.InstitutionId?.ToString(CultureInfo.InvariantCulture),
            ["convenio"] = f.AgreementId?.ToString(CultureInfo.InvariantCulture),
            ["usuario"] = f.EndUserCode,
            ["canal"] = f.Channel?.ToString(),
            ["tipo"] = f.QueryType?.ToString(),
            ["resultado"] = f.Result?.ToString(),
            ["documento"] = f.DocumentNumber,
            ["finalidad"] = f.PurposeText,
        };
        foreach (var (key, value) in extra) values[key] = value;
        return QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The filter in the query, or the Spanish errors of the parameters that could not be read.</summary>
    public static (AuditSearchFilter Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection q)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? Date(string key)
        {
            var text = q[key].ToString();
            if (text.Length == 0) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors[key] = ["Fecha no válida (use aaaa-mm-dd)."];
            return null;
        }
        int? Number(string key)
        {
            var text = q[key].ToString();
            if (text.Length == 0) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            errors[key] = ["Identificador no válido."];
            return null;
        }
        T? Code<T>(string key) where T : struct, Enum
        {
            var text = q[key].ToString();
            if (text.Length == 0) return null;
            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)) return value;
            errors[key] = [$"Valor no admitido: {text}."];
            return null;
        }
        var filter = new AuditSearchFilter
        {
            From = Date("desde"), To = Date("hasta"), InstitutionId = Number("institucion"), AgreementId = Number("convenio"),
            EndUserCode = q["usuario"].ToString(), Channel = Code<Channel>("canal"), QueryType = Code<QueryType>("tipo"),
            Result = Code<QueryResult>("resultado"), DocumentNumber = q["documento"].ToString(), PurposeText = q["finalidad"].ToString(),
        };
        return (filter, errors);
    }
}
