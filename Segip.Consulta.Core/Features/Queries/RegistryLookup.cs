using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>
/// Finds a document and its person, the one registry read every query makes. On SQLite it is a
/// plain prepared statement (no change tracking, no model materialisation: the hot path's largest
/// cost under load); on SQL Server an EF Core compiled query.
/// </summary>
public sealed class RegistryLookup(DatabaseSettings database, IDbContextFactory<ConsultaDbContext> contexts)
{
    private const string Sql =
        "SELECT d.Id, d.PersonId, d.Department, d.IssuedOn, d.ExpiresOn, d.Status, d.LicenceCategory, " +
        "p.FirstNames, p.FirstSurname, p.SecondSurname, p.MarriedSurname, p.BirthDate, p.Sex, p.Nationality, p.BirthPlace, " +
        "p.CivilStatus, p.Profession, p.Address, p.FatherName, p.MotherName, p.IsDeceased, p.DeceasedOn, p.SearchName " +
        "FROM IdentityDocuments d JOIN Persons p ON p.Id = d.PersonId " +
        "WHERE d.Number = $number AND d.Type = $type AND d.Complement = $complement LIMIT 1";

    private static readonly Func<ConsultaDbContext, string, DocumentType, string, Task<IdentityDocument?>> FindDocument =
        EF.CompileAsyncQuery((ConsultaDbContext db, string number, DocumentType type, string complement) =>
            db.IdentityDocuments.AsNoTracking().Include(d => d.Person)
                .FirstOrDefault(d => d.Number == number && d.Type == type && d.Complement == complement));

    private static readonly Func<ConsultaDbContext, long, Task<PersonBiometrics?>> FindBiometrics =
        EF.CompileAsyncQuery((ConsultaDbContext db, long personId) =>
            db.PersonBiometrics.AsNoTracking().FirstOrDefault(b => b.PersonId == personId));

    public async Task<RegistryMatch?> FindAsync(DocumentType type, string number, string complement, bool withBiometrics, CancellationToken ct)
    {
        RegistryMatch? match;
        if (database.IsSqlite)
        {
            await using var conn = new SqliteConnection(database.ConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = Sql;
            cmd.Parameters.AddWithValue("$number", number);
            cmd.Parameters.AddWithValue("$type", type.ToString());
            cmd.Parameters.AddWithValue("$complement", complement);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            match = await r.ReadAsync(ct) ? Read(r, type, number, complement) : null;
        }
        else
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var doc = await FindDocument(db, number, type, complement);
            match = doc?.Person is null ? null : new RegistryMatch(doc.Person, doc);
        }
        if (match is not null && withBiometrics)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            match.Person.Biometrics = await FindBiometrics(db, match.Person.Id);
        }
        return match;
    }

    private static RegistryMatch Read(SqliteDataReader r, DocumentType type, string number, string complement)
    {
        var personId = r.GetInt64(1);
        var document = new IdentityDocument
        {
            Id = r.GetInt64(0), PersonId = personId, Type = type, Number = number, Complement = complement,
            Department = Enum.Parse<Department>(r.GetString(2)), IssuedOn = Date(r, 3)!.Value, ExpiresOn = Date(r, 4),
            Status = Enum.Parse<DocumentStatus>(r.GetString(5)), LicenceCategory = Text(r, 6),
        };
        var person = new Person
        {
            Id = personId, FirstNames = r.GetString(7), FirstSurname = Text(r, 8), SecondSurname = Text(r, 9), MarriedSurname = Text(r, 10),
            BirthDate = Date(r, 11)!.Value, Sex = r.GetString(12), Nationality = r.GetString(13), BirthPlace = Text(r, 14),
            CivilStatus = Text(r, 15), Profession = Text(r, 16), Address = Text(r, 17), FatherName = Text(r, 18), MotherName = Text(r, 19),
            IsDeceased = r.GetInt64(20) != 0, DeceasedOn = Date(r, 21), SearchName = r.GetString(22),
        };
        document.Person = person;
        return new RegistryMatch(person, document);
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? Date(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
