using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>
/// Finds a document and its person, the one registry read every query makes. On SQLite it is a
/// plain statement, prepared once per pooled connection (no SQL parsing, change tracking or model
/// materialisation per query: the hot path's largest costs under load); on SQL Server an EF Core
/// compiled query.
/// </summary>
public sealed class RegistryLookup(DatabaseSettings database, IDbContextFactory<ConsultaDbContext> contexts) : IDisposable
{
    /// <summary>Idle prepared readers kept open; more are opened under load and closed when returned beyond this.</summary>
    private const int MaxIdleReaders = 64;

    private readonly System.Collections.Concurrent.ConcurrentQueue<Reader> _idle = new();

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
            // SQLite reads are synchronous underneath; the async overloads would only add overhead.
            var reader = _idle.TryDequeue(out var idle) ? idle : Reader.Open(database.ConnectionString);
            try
            {
                match = reader.Find(type, number, complement);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
            if (_idle.Count < MaxIdleReaders) _idle.Enqueue(reader);
            else reader.Dispose();
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

    public void Dispose()
    {
        while (_idle.TryDequeue(out var reader)) reader.Dispose();
    }

    /// <summary>An open connection with the look-up statement prepared on it; used by one query at a time.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _number, _type, _complement;

        private Reader(SqliteConnection connection)
        {
            _connection = connection;
            _command = connection.CreateCommand();
            _command.CommandText = Sql;
            _number = _command.Parameters.Add("$number", SqliteType.Text);
            _type = _command.Parameters.Add("$type", SqliteType.Text);
            _complement = _command.Parameters.Add("$complement", SqliteType.Text);
            _command.Prepare();
        }

        public static Reader Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            return new Reader(connection);
        }

        public RegistryMatch? Find(DocumentType type, string number, string complement)
        {
            _number.Value = number;
            _type.Value = type.ToString();
            _complement.Value = complement;
            using var r = _command.ExecuteReader();
            return r.Read() ? Read(r, type, number, complement) : null;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
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
