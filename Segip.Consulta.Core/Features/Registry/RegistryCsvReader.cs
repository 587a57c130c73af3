using System.Globalization;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>A parsed row: the person and one of their documents, or the reason the row was rejected.</summary>
public readonly record struct RegistryRow(Person? Person, IdentityDocument? Document, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>Parses and validates rows of the registry exchange format, one line at a time.</summary>
public static class RegistryCsvReader
{
    private static readonly int ColumnCount = RegistryCsvFormat.Columns.Length;

    /// <summary>Checks the header names every column of the format, in order.</summary>
    public static string? CheckHeader(string? header)
    {
        if (header is null) return "El archivo está vacío.";
        var names = Split(header.TrimStart('\uFEFF'));
        if (names is null || !names.SequenceEqual(RegistryCsvFormat.Columns))
            return $"La cabecera no corresponde al formato del registro. Se esperaba: {RegistryCsvFormat.Header}";
        return null;
    }

    public static RegistryRow Parse(string line)
    {
        var f = Split(line);
        if (f is null) return Reject("Comillas sin cerrar en la fila.");
        if (f.Count != ColumnCount) return Reject($"La fila tiene {f.Count} columnas; se esperaban {ColumnCount}.");

        if (!long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var personId) || personId <= 0)
            return Reject("idPersona debe ser un número entero positivo.");
        if (string.IsNullOrWhiteSpace(f[1])) return Reject("nombres es obligatorio.");
        if (string.IsNullOrWhiteSpace(f[2]) && string.IsNullOrWhiteSpace(f[3])) return Reject("Se requiere al menos un apellido.");
        if (!TryDate(f[5], out var birth) || birth is null) return Reject("fechaNacimiento es obligatoria con formato aaaa-mm-dd.");
        if (f[6] is not ("M" or "F")) return Reject("sexo debe ser M o F.");
        if (string.IsNullOrWhiteSpace(f[7])) return Reject("nacionalidad es obligatoria.");
        if (f[14] is not ("S" or "N")) return Reject("fallecido debe ser S o N.");
        if (!TryDate(f[15], out var deceasedOn)) return Reject("fechaDefuncion debe tener formato aaaa-mm-dd.");

        if (!long.TryParse(f[16], NumberStyles.None, CultureInfo.InvariantCulture, out var documentId) || documentId <= 0)
            return Reject("idDocumento debe ser un número entero positivo.");
        if (!Enum.TryParse<DocumentType>(f[17], false, out var type) || !Enum.IsDefined(type))
            return Reject("tipoDocumento debe ser CI, CIE, LIC o LICE.");
        var number = f[18];
        if (number.Length is < 1 or > 10 || !number.All(char.IsAsciiDigit)) return Reject("numeroDocumento debe tener de 1 a 10 dígitos.");
        var complement = f[19];
        if (complement.Length != 0 && (complement.Length != 2 || !char.IsAsciiDigit(complement[0]) || !char.IsAsciiLetterUpper(complement[1])))
            return Reject("complemento debe ser un dígito y una letra mayúscula, por ejemplo 1A.");
        if (!Enum.TryParse<Department>(f[20], false, out var department) || !Enum.IsDefined(department))
            return Reject("departamento debe ser LP, CB, SC, OR, PT, CH, TJ, BE, PD o EX.");
        if (!TryDate(f[21], out var issued) || issued is null) return Reject("fechaEmision es obligatoria con formato aaaa-mm-dd.");
        if (!TryDate(f[22], out var expires)) return Reject("fechaVencimiento debe tener formato aaaa-mm-dd.");
        if (!Enum.TryParse<DocumentStatus>(f[23], false, out var status) || !Enum.IsDefined(status))
            return Reject("estadoDocumento debe ser VIGENTE, VENCIDO, ANULADO o BLOQUEADO.");
        var category = f[24].Length == 0 ? null : f[24];
        var isLicence = type is DocumentType.LIC or DocumentType.LICE;
        if (isLicence && category is not ("A" or "B" or "C" or "P" or "M" or "T"))
            return Reject("categoriaLicencia debe ser A, B, C, P, M o T para licencias.");
        if (!isLicence && category is not null) return Reject("categoriaLicencia solo corresponde a licencias (LIC, LICE).");

        var person = new Person
        {
            Id = personId, FirstNames = f[1], FirstSurname = Null(f[2]), SecondSurname = Null(f[3]), MarriedSurname = Null(f[4]),
            BirthDate = birth.Value, Sex = f[6], Nationality = f[7], BirthPlace = Null(f[8]), CivilStatus = Null(f[9]),
            Profession = Null(f[10]), Address = Null(f[11]), FatherName = Null(f[12]), MotherName = Null(f[13]),
            IsDeceased = f[14] == "S", DeceasedOn = deceasedOn, SearchName = TextNormalizer.SearchName(Null(f[2]), f[1]),
        };
        var document = new IdentityDocument
        {
            Id = documentId, PersonId = personId, Type = type, Number = number, Complement = complement, Department = department,
            IssuedOn = issued.Value, ExpiresOn = expires, Status = status, LicenceCategory = category,
        };
        return new RegistryRow(person, document, null);
    }

    private static RegistryRow Reject(string reason) => new(null, null, reason);

    private static string? Null(string s) => s.Length == 0 ? null : s;

    private static bool TryDate(string s, out DateOnly? value)
    {
        value = null;
        if (s.Length == 0) return true;
        if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        value = d;
        return true;
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting within the line); null when a quote is left open.</summary>
    internal static List<string>? Split(string line)
    {
        var fields = new List<string>(ColumnCount);
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length) return null;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                fields.Add(sb.ToString().Trim());
                if (i < line.Length && line[i] != ',') return null;
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end].Trim());
                i = end;
            }
            if (i >= line.Length) return fields;
            i++; // the comma
            if (i == line.Length) { fields.Add(""); return fields; }
        }
    }
}
