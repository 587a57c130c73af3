using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Components.Shared;

/// <summary>The search keys an audit record stores, as a person reads them.</summary>
public static partial class SearchKeysText
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(\d{4})-(\d{2})-(\d{2})\b")]
    private static partial System.Text.RegularExpressions.Regex IsoDate();

    [System.Text.RegularExpressions.GeneratedRegex(@"\[([A-Za-z,]+)\]$")]
    private static partial System.Text.RegularExpressions.Regex ClaimedFields();

    /// <summary>"NOMBRE JUAN PEREZ 1990-05-01 [primerApellido]" → "Por nombre: JUAN PEREZ 01/05/1990 (Primer apellido)".</summary>
    public static string Readable(string keys)
    {
        var text = IsoDate().Replace(keys, m => $"{m.Groups[3].Value}/{m.Groups[2].Value}/{m.Groups[1].Value}");
        if (text.StartsWith("NOMBRE ", StringComparison.Ordinal)) text = "Por nombre: " + text["NOMBRE ".Length..];
        text = ClaimedFields().Replace(text, m =>
            "(compara: " + string.Join(", ", m.Groups[1].Value.Split(',').Select(FieldCatalog.Label)) + ")");
        return text;
    }
}
