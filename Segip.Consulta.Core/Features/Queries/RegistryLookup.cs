using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>
/// The registry's one look-up service: a document and its person (every document query, verification and
/// certificate) and the persons under a name (name queries). The document look-up, on SQLite and PostgreSQL,
/// is a plain statement, prepared once per kept-open connection (no SQL parsing or planning, change
/// tracking or model materialisation per query: the hot path's largest costs under load); on SQL Server
/// an EF Core compiled query.
/// </summary>
public sealed class RegistryLookup(DatabaseSettings database, IDbContextFactory<ConsultaDbContext> contexts) : IDisposable
{
    private readonly PreparedStatements find = new(database, Sql,
        [new("@number", SqliteType.Text, NpgsqlDbType.Varchar), new("@type", SqliteType.Text, NpgsqlDbType.Varchar), new("@complement", SqliteType.Text, NpgsqlDbType.Varchar)],
        maxIdle: 64);

    private const string Sql =
        "SELECT d.\"Id\", d.\"PersonId\", d.\"Department\", d.\"IssuedOn\", d.\"ExpiresOn\", d.\"Status\", d.\"LicenceCategory\", " +
        "p.\"FirstNames\", p.\"FirstSurname\", p.\"SecondSurname\", p.\"MarriedSurname\", p.\"BirthDate\", p.\"Sex\", p.\"Nationality\", p.\"BirthPlace\", " +
        "p.\"CivilStatus\", p.\"Profession\", p.\"Address\", p.\"FatherName\", p.\"MotherName\", p.\"IsDeceased\", p.\"DeceasedOn\", p.\"SearchName\" " +
        "FROM \"IdentityDocuments\" d JOIN \"Persons\" p ON p.\"Id\" = d.\"PersonId\" " +
        "WHERE d.\"Number\" = @number AND d.\"Type\" = @type AND d.\"Complement\" = @complement LIMIT 1";

    // Compiled per instance (one per app, so one model): a compiled query refuses a second model, and the
    // tests run SQLite and PostgreSQL apps in one process.
    private readonly Func<ConsultaDbContext, string, DocumentType, string, Task<IdentityDocument?>> findDocument =
        EF.CompileAsyncQuery((ConsultaDbContext db, string number, DocumentType type, string complement) =>
            db.IdentityDocuments.AsNoTracking().Include(d => d.Person)
                .FirstOrDefault(d => d.Number == number && d.Type == type && d.Complement == complement));

    private readonly Func<ConsultaDbContext, long, Task<PersonBiometrics?>> findBiometrics =
        EF.CompileAsyncQuery((ConsultaDbContext db, long personId) =>
            db.PersonBiometrics.AsNoTracking().FirstOrDefault(b => b.PersonId == personId));

    public async Task<RegistryMatch?> FindAsync(DocumentType type, string number, string complement, bool withBiometrics, CancellationToken ct)
    {
        RegistryMatch? match;
        if (database.IsSqlite || database.IsPostgres)
        {
            match = await find.RunAsync<RegistryMatch?>(async (command, sqlite) =>
            {
                if (sqlite)
                {
                    // SQLite reads are synchronous underneath; the async overloads would only add overhead.
                    using var r = command.ExecuteReader();
                    return r.Read() ? Read(r, type, number, complement, sqlite) : null;
                }
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? Read(reader, type, number, complement, sqlite) : null;
            }, ct, number, type.ToCode(), complement);
        }
        else
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var doc = await findDocument(db, number, type, complement);
            match = doc?.Person is null ? null : new RegistryMatch(doc.Person, doc);
        }
        if (match is not null && withBiometrics)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            match.Person.Biometrics = await findBiometrics(db, match.Person.Id);
        }
        return match;
    }

    /// <summary>
    /// The persons registered under a name and birth date (the second surname, when given, must match too), each with
    /// one document (the first by type, then status), at most <paramref name="max"/>.
    /// </summary>
    public async Task<IReadOnlyList<RegistryMatch>> FindByNameAsync(string firstNames, string? firstSurname, string? secondSurname, DateOnly birthDate,
        bool withBiometrics, int max, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = TextNormalizer.SearchName(firstSurname, firstNames);
        var query = db.Persons.AsNoTracking().Where(p => p.SearchName == key && p.BirthDate == birthDate);
        if (withBiometrics) query = query.Include(p => p.Biometrics);
        var persons = await query.Include(p => p.Documents).Take(max * 2).ToListAsync(ct);
        if (secondSurname is { } second)
            persons = persons.Where(p => TextNormalizer.SameName(second, p.SecondSurname)).ToList();
        return persons
            .Select(p => (p, doc: p.Documents.OrderBy(d => d.Type).ThenBy(d => d.Status).FirstOrDefault()))
            .Where(x => x.doc is not null)
            .Take(max)
            .Select(x => new RegistryMatch(x.p, x.doc!))
            .ToList();
    }

    public void Dispose() => find.Dispose();

    private static RegistryMatch Read(DbDataReader r, DocumentType type, string number, string complement, bool sqlite)
    {
        var personId = r.GetInt64(1);
        var document = new IdentityDocument
        {
            Id = r.GetInt64(0), PersonId = personId, Type = type, Number = number, Complement = complement,
            Department = ContractCodes.ParseCode<Department>(r.GetString(2)), IssuedOn = Date(r, 3, sqlite)!.Value, ExpiresOn = Date(r, 4, sqlite),
            Status = ContractCodes.ParseCode<DocumentStatus>(r.GetString(5)), LicenceCategory = Text(r, 6),
        };
        var person = new Person
        {
            Id = personId, FirstNames = r.GetString(7), FirstSurname = Text(r, 8), SecondSurname = Text(r, 9), MarriedSurname = Text(r, 10),
            BirthDate = Date(r, 11, sqlite)!.Value, Sex = r.GetString(12), Nationality = r.GetString(13), BirthPlace = Text(r, 14),
            CivilStatus = Text(r, 15), Profession = Text(r, 16), Address = Text(r, 17), FatherName = Text(r, 18), MotherName = Text(r, 19),
            IsDeceased = sqlite ? r.GetInt64(20) != 0 : r.GetBoolean(20), DeceasedOn = Date(r, 21, sqlite), SearchName = r.GetString(22),
        };
        document.Person = person;
        return new RegistryMatch(person, document);
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>SQLite stores dates as yyyy-MM-dd text; PostgreSQL has a date type.</summary>
    private static DateOnly? Date(DbDataReader r, int i, bool sqlite) =>
        r.IsDBNull(i) ? null
        : sqlite ? DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture)
        : r.GetFieldValue<DateOnly>(i);
}
