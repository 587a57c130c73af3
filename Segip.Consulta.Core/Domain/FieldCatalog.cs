namespace Segip.Consulta.Core.Domain;

/// <summary>A disclosable field: its contract code, Spanish label and catalogue group.</summary>
public sealed record FieldDefinition(string Code, string Label, string Group);

/// <summary>Every field that can leave the system, in the order answers list them.</summary>
public static class FieldCatalog
{
    public const string Nombres = "nombres";
    public const string PrimerApellido = "primerApellido";
    public const string SegundoApellido = "segundoApellido";
    public const string ApellidoCasada = "apellidoCasada";
    public const string EstadoDocumento = "estadoDocumento";
    public const string FechaNacimiento = "fechaNacimiento";
    public const string Sexo = "sexo";
    public const string Nacionalidad = "nacionalidad";
    public const string LugarNacimiento = "lugarNacimiento";
    public const string EstadoCivil = "estadoCivil";
    public const string Profesion = "profesion";
    public const string Domicilio = "domicilio";
    public const string FechaEmision = "fechaEmision";
    public const string FechaVencimiento = "fechaVencimiento";
    public const string Fallecido = "fallecido";
    public const string NombrePadre = "nombrePadre";
    public const string NombreMadre = "nombreMadre";
    public const string Fotografia = "fotografia";
    public const string Firma = "firma";

    public static readonly IReadOnlyList<FieldDefinition> All =
    [
        new(Nombres, "Nombres", "identidad"),
        new(PrimerApellido, "Primer apellido", "identidad"),
        new(SegundoApellido, "Segundo apellido", "identidad"),
        new(ApellidoCasada, "Apellido de casada", "identidad"),
        new(EstadoDocumento, "Estado del documento", "identidad"),
        new(Sexo, "Sexo", "identidad"),
        new(Profesion, "Profesión u ocupación", "identidad"),
        new(FechaEmision, "Fecha de emisión", "identidad"),
        new(FechaVencimiento, "Fecha de vencimiento", "identidad"),
        new(Fallecido, "Fallecido", "identidad"),
        new(FechaNacimiento, "Fecha de nacimiento", "nacimiento"),
        new(LugarNacimiento, "Lugar de nacimiento", "nacimiento"),
        new(Nacionalidad, "Nacionalidad", "nacimiento"),
        new(EstadoCivil, "Estado civil", "estado civil"),
        new(Domicilio, "Domicilio", "domicilio"),
        new(NombrePadre, "Nombre del padre", "filiación"),
        new(NombreMadre, "Nombre de la madre", "filiación"),
        new(Fotografia, "Fotografía", "biometría"),
        new(Firma, "Firma", "biometría"),
    ];

    private static readonly Dictionary<string, FieldDefinition> ByCode = All.ToDictionary(f => f.Code);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    public static string Label(string code) => ByCode.TryGetValue(code, out var f) ? f.Label : code;

    /// <summary>Orders codes as the catalogue does and drops unknown ones.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> codes)
    {
        var set = codes.ToHashSet(StringComparer.Ordinal);
        return All.Where(f => set.Contains(f.Code)).Select(f => f.Code).ToList();
    }
}

/// <summary>The four levels every installation starts with (docs/domain.md, "Field catalogue and access levels").</summary>
public static class StandardAccessLevels
{
    public const string Contrastacion = "CONTRASTACION";
    public const string Basico = "BASICO";
    public const string Ampliado = "AMPLIADO";
    public const string Completo = "COMPLETO";

    public static readonly IReadOnlyList<string> BasicoFields =
    [
        FieldCatalog.Nombres, FieldCatalog.PrimerApellido, FieldCatalog.SegundoApellido,
        FieldCatalog.ApellidoCasada, FieldCatalog.EstadoDocumento, FieldCatalog.FechaNacimiento,
    ];

    public static readonly IReadOnlyList<string> AmpliadoFields =
    [
        .. BasicoFields,
        FieldCatalog.Sexo, FieldCatalog.Nacionalidad, FieldCatalog.LugarNacimiento, FieldCatalog.EstadoCivil,
        FieldCatalog.Profesion, FieldCatalog.Domicilio, FieldCatalog.FechaEmision, FieldCatalog.FechaVencimiento,
        FieldCatalog.Fallecido,
    ];

    public static readonly IReadOnlyList<string> CompletoFields =
    [
        .. AmpliadoFields,
        FieldCatalog.NombrePadre, FieldCatalog.NombreMadre, FieldCatalog.Fotografia, FieldCatalog.Firma,
    ];

    /// <summary>The four standard levels; their creation time is stamped when they are saved (TimestampInterceptor).</summary>
    public static IEnumerable<AccessLevel> Create() =>
    [
        new() { Code = Contrastacion, Name = "Nivel 1 — Contrastación", Description = "Solo indica si cada dato declarado coincide, y el estado del documento.", Fields = [] },
        new() { Code = Basico, Name = "Nivel 2 — Básico", Description = "Nombres, apellidos, fecha de nacimiento y estado del documento.", Fields = [.. BasicoFields] },
        new() { Code = Ampliado, Name = "Nivel 3 — Ampliado", Description = "Nivel 2 más datos civiles, domicilio y fechas del documento.", Fields = [.. AmpliadoFields], RequiresConsent = true },
        new() { Code = Completo, Name = "Nivel 4 — Completo", Description = "Nivel 3 más filiación, fotografía y firma.", Fields = [.. CompletoFields], RequiresConsent = true },
    ];
}
