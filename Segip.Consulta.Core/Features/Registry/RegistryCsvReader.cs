using System.Globalization;
using System.Text;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>A parsed row: the person and one of their documents, or the reason the row was rejected.</summary>
public readonly record struct RegistryRow(Person? Person, IdentityDocument? Document, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>Checks the header of the registry exchange format and parses single rows into entities.</summary>
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

    /// <summary>Parses one line with the importer's own rules (<see cref="RegistryLineParser"/>) into entities.</summary>
    public static RegistryRow Parse(string line)
    {
        var batch = new RegistryBatch(1);
        RegistryLineParser.Parse(Encoding.UTF8.GetBytes(line), 0, batch);
        var record = batch.Records[0];
        if (record.Error is not null) return new RegistryRow(null, null, record.Error);

        var person = new Person
        {
            Id = record.PersonId, FirstNames = batch.Text(0, 1)!, FirstSurname = batch.Text(0, 2), SecondSurname = batch.Text(0, 3),
            MarriedSurname = batch.Text(0, 4), BirthDate = Date(batch, 5)!.Value, Sex = batch.Text(0, 6)!, Nationality = batch.Text(0, 7)!,
            BirthPlace = batch.Text(0, 8), CivilStatus = batch.Text(0, 9), Profession = batch.Text(0, 10), Address = batch.Text(0, 11),
            FatherName = batch.Text(0, 12), MotherName = batch.Text(0, 13), IsDeceased = record.IsDeceased, DeceasedOn = Date(batch, 15),
            SearchName = batch.Text(0, RegistryBatch.SearchNameSlot)!,
        };
        var document = new IdentityDocument
        {
            Id = record.DocumentId, PersonId = record.PersonId, Type = ContractCodes.ParseCode<DocumentType>(batch.Text(0, 17)!),
            Number = batch.Text(0, 18)!, Complement = batch.Text(0, 19)!, Department = ContractCodes.ParseCode<Department>(batch.Text(0, 20)!),
            IssuedOn = Date(batch, 21)!.Value, ExpiresOn = Date(batch, 22), Status = ContractCodes.ParseCode<DocumentStatus>(batch.Text(0, 23)!),
            LicenceCategory = batch.Text(0, 24),
        };
        return new RegistryRow(person, document, null);
    }

    private static DateOnly? Date(RegistryBatch batch, int slot) =>
        batch.Text(0, slot) is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

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
