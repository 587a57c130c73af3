using System.Globalization;
using System.Text.Json;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Web.Components.ChangeHistory;

/// <summary>One field a staff change altered, as people read it.</summary>
public sealed record FieldChange(string Label, string Before, string After);

/// <summary>
/// Reads the before/after JSON of a change record and keeps only the fields that differ, labelled in Spanish
/// ("primerApellido" → "Primer apellido"), with dates dd/MM/yyyy, Sí/No and field codes as their labels.
/// </summary>
public static class ChangeDiff
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-BO");

    /// <summary>Labels that the generic camel-case reading would get wrong (accents, acronyms).</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nit"] = "NIT", ["ips"] = "IP permitidas", ["ipPermitidas"] = "IP permitidas", ["cuotaMensual"] = "Cuota mensual",
        ["vigenteDesde"] = "Vigente desde", ["vigenteHasta"] = "Vigente hasta", ["fechaFirma"] = "Fecha de firma",
        ["nivel"] = "Nivel de acceso", ["nivelAcceso"] = "Nivel de acceso", ["codigo"] = "Código", ["version"] = "Versión",
        ["descripcion"] = "Descripción", ["numero"] = "Número", ["institucion"] = "Institución", ["correo"] = "Correo",
        ["motivo"] = "Motivo", ["estado"] = "Estado", ["campos"] = "Campos", ["canales"] = "Canales", ["habilitado"] = "Habilitado",
        ["requiereConsentimiento"] = "Requiere consentimiento", ["busquedaPorNombre"] = "Búsqueda por nombre",
        ["revocado"] = "Revocado", ["certificadoCliente"] = "Certificado de cliente", ["sigla"] = "Sigla", ["tipo"] = "Tipo", ["cargo"] = "Cargo", ["documento"] = "Documento",
    };

    public static IReadOnlyList<FieldChange> Read(string? before, string? after)
    {
        var old = Flatten(before);
        var now = Flatten(after);
        var keys = old.Keys.Concat(now.Keys).Distinct(StringComparer.Ordinal);
        return keys
            .Select(k => (Key: k, Before: old.GetValueOrDefault(k, "—"), After: now.GetValueOrDefault(k, "—")))
            .Where(x => x.Before != x.After)
            .Select(x => new FieldChange(Label(x.Key), x.Before, x.After))
            .ToList();
    }

    public static string Label(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "";
        if (Labels.TryGetValue(key, out var known)) return known;
        if (FieldCatalog.IsKnown(key)) return FieldCatalog.Label(key);
        var words = System.Text.RegularExpressions.Regex.Replace(key, "(?<=[a-záéíóú])(?=[A-Z])", " ").ToLower(Spanish);
        return words.Length == 0 ? key : char.ToUpper(words[0], Spanish) + words[1..];
    }

    /// <summary>"IngresoFallido" → "Ingreso fallido": the change history's action names as words.</summary>
    public static string Action(string? action) => Label(action);

    private static Dictionary<string, string> Flatten(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return values;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return values;
            foreach (var p in doc.RootElement.EnumerateObject()) values[p.Name] = Value(p.Value);
        }
        catch (JsonException)
        {
            values["valor"] = json;
        }
        return values;
    }

    private static string Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.True => "Sí",
        JsonValueKind.False => "No",
        JsonValueKind.Number => e.TryGetInt64(out var n) ? n.ToString("N0", Spanish) : e.GetDouble().ToString(Spanish),
        JsonValueKind.String => Text(e.GetString()!),
        JsonValueKind.Array => string.Join(", ", e.EnumerateArray().Select(Value)),
        _ => string.Join(", ", e.EnumerateObject().Select(p => $"{Label(p.Name)}: {Value(p.Value)}")),
    };

    private static string Text(string s)
    {
        if (s.Length == 0) return "—";
        if (DateTime.TryParseExact(s, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ssK"],
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var d))
            return s.Length == 10 ? DateText.Format(DateOnly.FromDateTime(d)) : DateText.FormatToMinute(d);
        return FieldCatalog.IsKnown(s) ? FieldCatalog.Label(s) : s;
    }
}
