using System.Text.Json;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// One threshold of a rule: its Spanish label and explanation, its allowed range (in the app and in the settings) and
/// where it lives in <see cref="MisuseOptions"/>. <see cref="Name"/> is stored with edited values, so it never changes;
/// <paramref name="SettingName"/> is the settings key when it differs.
/// </summary>
public sealed record ThresholdParameter(string Name, string Label, string Help, double Min, double Max, bool Whole,
    Func<MisuseOptions, double> Get, Action<MisuseOptions, double> Set, string? SettingName = null);

/// <summary>The thresholds of one rule, as the thresholds page shows them in one form; <see cref="Section"/> is their settings subsection under <c>Misuse</c>.</summary>
public sealed record RuleThresholds(MisuseRule Rule, string Title, string Explanation, IReadOnlyList<ThresholdParameter> Parameters, string? Section = null)
{
    /// <summary>The parameter's key under <c>Misuse</c>, e.g. <c>VolumeSpike:Factor</c>.</summary>
    public string SettingKey(ThresholdParameter p) => Section is null ? p.SettingName ?? p.Name : $"{Section}:{p.SettingName ?? p.Name}";
}

/// <summary>
/// The rules' editable thresholds (docs/domain.md, "Misuse detection"). The <c>Misuse</c> settings give the
/// defaults; a rule edited in the app keeps its values in <see cref="MisuseThreshold"/>, which override them.
/// The protected-persons rule has no threshold: any query on the list alerts.
/// </summary>
public static class MisuseThresholdCatalog
{
    public static readonly IReadOnlyList<RuleThresholds> Rules =
    [
        new(MisuseRule.VolumeSpike, "Volumen inusual",
            "Un usuario final consulta en un día mucho más que de costumbre: más que el múltiplo de su mediana por día hábil y más que el mínimo absoluto.",
        [
            new("Factor", "Múltiplo de la mediana", "Cuántas veces su mediana diaria debe superar el día para alertar (por ejemplo 5).", 1.5, 100, false,
                o => o.VolumeSpike.Factor, (o, v) => o.VolumeSpike.Factor = v),
            new("Floor", "Mínimo absoluto de consultas por día", "Por debajo de esta cantidad no se alerta, aunque el usuario suela consultar poco.", 10, 100_000, true,
                o => o.VolumeSpike.Floor, (o, v) => o.VolumeSpike.Floor = (int)v),
            new("BaselineDays", "Días de referencia", "Cuántos días anteriores forman la mediana del usuario.", 7, 90, true,
                o => o.VolumeSpike.BaselineDays, (o, v) => o.VolumeSpike.BaselineDays = (int)v),
        ], "VolumeSpike"),
        new(MisuseRule.OutsideWorkingHours, "Fuera de horario",
            "Consultas fuera de los días y horas que declaró la institución (se editan en la ficha de cada institución).",
        [
            new("MinQueries", "Consultas fuera de horario por día", "Cuántas consultas fuera de horario de un usuario final en un día generan una alerta.", 1, 1_000, true,
                o => o.WorkingHours.MinQueries, (o, v) => o.WorkingHours.MinQueries = (int)v),
        ], "WorkingHours"),
        new(MisuseRule.Enumeration, "Enumeración",
            "Un usuario final recorre el registro: muchas consultas sin resultado o números de documento consecutivos.",
        [
            new("NotFoundShare", "Proporción de consultas sin resultado", "Entre 0,05 y 1 (0,5 = la mitad de sus consultas del día no encontró a nadie).", 0.05, 1, false,
                o => o.Enumeration.NotFoundShare, (o, v) => o.Enumeration.NotFoundShare = v),
            new("MinQueries", "Consultas mínimas para la proporción", "La proporción solo se mira desde esta cantidad de consultas en el día.", 5, 10_000, true,
                o => o.Enumeration.MinQueries, (o, v) => o.Enumeration.MinQueries = (int)v),
            new("ConsecutiveRun", "Documentos consecutivos", "Cuántos números de documento seguidos (n, n+1, n+2…) en un día generan una alerta.", 3, 1_000, true,
                o => o.Enumeration.ConsecutiveRun, (o, v) => o.Enumeration.ConsecutiveRun = (int)v),
        ], "Enumeration"),
        new(MisuseRule.HeavilyQueriedPerson, "Persona muy consultada",
            "Una misma persona consultada por muchos usuarios finales o instituciones en poco tiempo.",
        [
            new("WindowMinutes", "Ventana en minutos", "El lapso en el que se cuentan las consultas a la misma persona.", 5, 1_440, true,
                o => o.PersonCrowd.WindowMinutes, (o, v) => o.PersonCrowd.WindowMinutes = (int)v),
            new("EndUsers", "Usuarios finales distintos", "Cuántos usuarios finales distintos en la ventana generan una alerta.", 2, 1_000, true,
                o => o.PersonCrowd.EndUsers, (o, v) => o.PersonCrowd.EndUsers = (int)v),
            new("Institutions", "Instituciones distintas", "Cuántas instituciones distintas en la ventana generan una alerta.", 2, 500, true,
                o => o.PersonCrowd.Institutions, (o, v) => o.PersonCrowd.Institutions = (int)v),
        ], "PersonCrowd"),
        new(MisuseRule.RepeatedRefusals, "Rechazos repetidos",
            "Alguien insiste después de ser rechazado: un usuario final inhabilitado, una institución sin convenio vigente, una dirección con credenciales inválidas.",
        [
            new("DisabledEndUser", "Intentos de un usuario final inhabilitado", "Intentos rechazados en un día.", 1, 10_000, true,
                o => o.Refusals.DisabledEndUser, (o, v) => o.Refusals.DisabledEndUser = (int)v),
            new("AgreementNotInForce", "Intentos sin convenio vigente", "Intentos rechazados de una institución en un día.", 1, 100_000, true,
                o => o.Refusals.AgreementNotInForce, (o, v) => o.Refusals.AgreementNotInForce = (int)v),
            new("FromOneAddress", "Rechazos desde una dirección", "Rechazos por credencial o dirección no permitida desde una misma dirección IP en un día.", 1, 100_000, true,
                o => o.Refusals.FromOneAddress, (o, v) => o.Refusals.FromOneAddress = (int)v),
        ], "Refusals"),
        new(MisuseRule.WeakPurpose, "Finalidad débil",
            "Finalidades vacías o de relleno, o el mismo texto en cientos de consultas.",
        [
            new("MinMeaningfulChars", "Letras mínimas de una finalidad", "Una finalidad con menos letras y dígitos que esto se considera de relleno.", 1, 100, true,
                o => o.WeakPurpose.MinMeaningfulChars, (o, v) => o.WeakPurpose.MinMeaningfulChars = (int)v),
            new("PlaceholderQueries", "Consultas con finalidad de relleno por día", "Cuántas consultas de un usuario final con finalidad de relleno generan una alerta.", 1, 10_000, true,
                o => o.WeakPurpose.PlaceholderQueries, (o, v) => o.WeakPurpose.PlaceholderQueries = (int)v),
            new("SameTextQueries", "Consultas con el mismo texto por día", "Cuántas consultas de un usuario final con la misma finalidad generan una alerta.", 10, 100_000, true,
                o => o.WeakPurpose.SameTextQueries, (o, v) => o.WeakPurpose.SameTextQueries = (int)v),
        ], "WeakPurpose"),
        new(MisuseRule.BroadNameSearch, "Búsquedas por nombre",
            "Muchas búsquedas por nombre de un mismo usuario final en un día.",
        [
            new("PerDay", "Búsquedas por nombre por día", "Cuántas búsquedas por nombre de un usuario final en un día generan una alerta.", 1, 100_000, true,
                o => o.NameSearchesPerDay, (o, v) => o.NameSearchesPerDay = (int)v, nameof(MisuseOptions.NameSearchesPerDay)),
        ]),
    ];

    public static RuleThresholds? Of(MisuseRule rule) => Rules.FirstOrDefault(r => r.Rule == rule);

    /// <summary>The settings with the thresholds edited in the app applied over them (a copy: the settings stay as they are).</summary>
    public static MisuseOptions Apply(MisuseOptions settings, IEnumerable<MisuseThreshold> rows)
    {
        var effective = JsonSerializer.Deserialize<MisuseOptions>(JsonSerializer.Serialize(settings))!;
        foreach (var row in rows)
        {
            if (Of(row.Rule) is not { } rule) continue;
            var values = Parse(row.Values);
            foreach (var p in rule.Parameters)
                if (values.TryGetValue(p.Name, out var v)) p.Set(effective, v);
        }
        return effective;
    }

    public static Dictionary<string, double> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [];

    public static string Serialize(IReadOnlyDictionary<string, double> values) => JsonSerializer.Serialize(values);
}
