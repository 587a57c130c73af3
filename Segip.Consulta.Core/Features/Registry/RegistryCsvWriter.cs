using System.Text;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>Writes persons in the registry exchange format (see <see cref="RegistryCsvFormat"/>).</summary>
public static class RegistryCsvWriter
{
    public static async Task<long> WriteAsync(IEnumerable<Person> persons, string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync(RegistryCsvFormat.Header);
        long rows = 0;
        var line = new StringBuilder(512);
        foreach (var p in persons)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var d in p.Documents)
            {
                line.Clear();
                Append(line, p.Id.ToString()); Append(line, p.FirstNames); Append(line, p.FirstSurname); Append(line, p.SecondSurname);
                Append(line, p.MarriedSurname); Append(line, Date(p.BirthDate)); Append(line, p.Sex); Append(line, p.Nationality);
                Append(line, p.BirthPlace); Append(line, p.CivilStatus); Append(line, p.Profession); Append(line, p.Address);
                Append(line, p.FatherName); Append(line, p.MotherName); Append(line, p.IsDeceased ? "S" : "N"); Append(line, Date(p.DeceasedOn));
                Append(line, d.Id.ToString()); Append(line, d.Type.ToCode()); Append(line, d.Number); Append(line, d.Complement);
                Append(line, d.Department.ToCode()); Append(line, Date(d.IssuedOn)); Append(line, Date(d.ExpiresOn));
                Append(line, d.Status.ToCode()); Append(line, d.LicenceCategory, last: true);
                await writer.WriteLineAsync(line);
                rows++;
            }
        }
        return rows;
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd");

    private static void Append(StringBuilder sb, string? value, bool last = false)
    {
        if (!string.IsNullOrEmpty(value))
        {
            if (value.AsSpan().IndexOfAny(",\"\n\r") >= 0) sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
            else sb.Append(value);
        }
        if (!last) sb.Append(',');
    }
}
