using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Registry;

public sealed record ImportProgress(long Rows, long Imported, long Rejected, long BytesRead, long TotalBytes, TimeSpan Elapsed)
{
    public double Fraction => TotalBytes == 0 ? 1 : Math.Min(1, (double)BytesRead / TotalBytes);
    public double RowsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Rows / Elapsed.TotalSeconds;
    public TimeSpan? Eta => Fraction is <= 0 or >= 1 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds * (1 - Fraction) / Fraction);
}

public sealed record ImportResult(long Rows, long Imported, long Rejected, string? RejectReportPath, TimeSpan Elapsed, string? FatalError = null);

/// <summary>
/// Imports a registry CSV (<see cref="RegistryCsvFormat"/>): every row is validated, rejected rows go to
/// a report beside the file with the reason, the rest are upserted (persons by idPersona, documents by
/// type + number + complement) in large transactions, so re-running the same file updates and never
/// duplicates.
/// </summary>
public sealed class RegistryImporter(DatabaseSettings database)
{
    public const int BatchRows = 50_000;

    public async Task<ImportResult> ImportAsync(string path, Action<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        if (!File.Exists(path)) return new(0, 0, 0, null, watch.Elapsed, $"No existe el archivo {path}.");

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var headerError = RegistryCsvReader.CheckHeader(await reader.ReadLineAsync(ct));
        if (headerError is not null) return new(0, 0, 0, null, watch.Elapsed, headerError);

        var rejectPath = path + ".rechazados.csv";
        StreamWriter? rejects = null;
        long rows = 0, imported = 0, rejected = 0, lineNumber = 1;
        var lastReport = TimeSpan.Zero;

        await using var conn = Open();
        await conn.OpenAsync(ct);
        if (database.IsSqlite)
        {
            await using var pragma = conn.CreateCommand();
            // Bulk load: the WAL is still crash-safe at NORMAL; a cut-off import is simply run again.
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-200000; PRAGMA temp_store=MEMORY;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        try
        {
            var more = true;
            while (more)
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using var upsertPerson = SqlCommands.Prepare(conn, tx, PersonSql, PersonParams);
                await using var upsertDocument = SqlCommands.Prepare(conn, tx, DocumentSql, DocumentParams);
                long lastPersonId = -1;
                // Synchronous calls inside the batch: SQLite does no real asynchronous I/O, and a Task
                // per row costs more than the row itself at tens of thousands of rows a second.
                for (var n = 0; n < BatchRows; n++)
                {
                    ct.ThrowIfCancellationRequested();
                    var line = reader.ReadLine();
                    if (line is null) { more = false; break; }
                    lineNumber++;
                    if (line.Length == 0) continue;
                    rows++;
                    var row = RegistryCsvReader.Parse(line);
                    if (!row.IsValid)
                    {
                        rejected++;
                        await Reject(line, lineNumber, row.Error!);
                        continue;
                    }
                    try
                    {
                        if (row.Person!.Id != lastPersonId)
                        {
                            BindPerson(upsertPerson, row.Person);
                            upsertPerson.ExecuteNonQuery();
                            lastPersonId = row.Person.Id;
                        }
                        BindDocument(upsertDocument, row.Document!);
                        upsertDocument.ExecuteNonQuery();
                        imported++;
                    }
                    catch (DbException ex) when (IsConstraintViolation(ex))
                    {
                        // Only this statement is undone; the rest of the batch goes on.
                        rejected++;
                        lastPersonId = -1;
                        await Reject(line, lineNumber, "El documento o la persona choca con otro registro existente (idDocumento o idPersona repetido con otros datos).");
                    }
                    if (progress is not null && watch.Elapsed - lastReport > TimeSpan.FromMilliseconds(500))
                    {
                        lastReport = watch.Elapsed;
                        progress(new(rows, imported, rejected, file.Position, file.Length, watch.Elapsed));
                    }
                }
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            if (rejects is not null) await rejects.DisposeAsync();
        }
        progress?.Invoke(new(rows, imported, rejected, file.Length, file.Length, watch.Elapsed));
        return new(rows, imported, rejected, rejected > 0 ? rejectPath : null, watch.Elapsed);

        async Task Reject(string line, long number, string reason)
        {
            if (rejects is null)
            {
                rejects = new StreamWriter(rejectPath, false, new UTF8Encoding(true));
                await rejects.WriteLineAsync("linea,motivo,fila");
            }
            await rejects.WriteLineAsync($"{number},\"{reason.Replace("\"", "\"\"")}\",\"{line.Replace("\"", "\"\"")}\"");
        }
    }

    private DbConnection Open() => database.IsSqlite ? new SqliteConnection(database.ConnectionString) : new SqlConnection(database.ConnectionString);

    private static bool IsConstraintViolation(DbException ex) =>
        ex is SqliteException { SqliteErrorCode: 19 } || ex is SqlException { Number: 2601 or 2627 or 547 };

    private static readonly string[] PersonParams =
    [
        "Id", "FirstNames", "FirstSurname", "SecondSurname", "MarriedSurname", "BirthDate", "Sex", "Nationality", "BirthPlace",
        "CivilStatus", "Profession", "Address", "FatherName", "MotherName", "IsDeceased", "DeceasedOn", "SearchName",
    ];

    private static readonly string[] DocumentParams =
    [
        "Id", "PersonId", "Type", "Number", "Complement", "Department", "IssuedOn", "ExpiresOn", "Status", "LicenceCategory",
    ];

    private string PersonSql => Upsert("Persons", PersonParams, ["Id"]);
    private string DocumentSql => Upsert("IdentityDocuments", DocumentParams, ["Number", "Type", "Complement"]);

    /// <summary>SQLite's INSERT … ON CONFLICT DO UPDATE, or SQL Server's MERGE, on the natural key.</summary>
    private string Upsert(string table, string[] columns, string[] key)
    {
        var updatable = columns.Where(c => c != "Id" && !key.Contains(c)).ToArray();
        if (database.IsSqlite)
        {
            return $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
                   $"ON CONFLICT({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", updatable.Select(c => $"{c} = excluded.{c}"))}";
        }
        return $"MERGE {table} WITH (HOLDLOCK) AS t USING (SELECT {string.Join(", ", columns.Select(c => $"@{c} AS {c}"))}) AS s " +
               $"ON {string.Join(" AND ", key.Select(k => $"t.{k} = s.{k}"))} " +
               $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", updatable.Select(c => $"{c} = s.{c}"))} " +
               $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "s." + c))});";
    }

    private static void BindPerson(DbCommand cmd, Person p)
    {
        var v = cmd.Parameters;
        v[0].Value = p.Id; v[1].Value = p.FirstNames; v[2].Value = Db(p.FirstSurname); v[3].Value = Db(p.SecondSurname);
        v[4].Value = Db(p.MarriedSurname); v[5].Value = p.BirthDate; v[6].Value = p.Sex; v[7].Value = p.Nationality;
        v[8].Value = Db(p.BirthPlace); v[9].Value = Db(p.CivilStatus); v[10].Value = Db(p.Profession); v[11].Value = Db(p.Address);
        v[12].Value = Db(p.FatherName); v[13].Value = Db(p.MotherName); v[14].Value = p.IsDeceased;
        v[15].Value = p.DeceasedOn is { } d ? d : DBNull.Value; v[16].Value = p.SearchName;
    }

    private static void BindDocument(DbCommand cmd, IdentityDocument d)
    {
        var v = cmd.Parameters;
        v[0].Value = d.Id; v[1].Value = d.PersonId; v[2].Value = d.Type.ToString(); v[3].Value = d.Number; v[4].Value = d.Complement;
        v[5].Value = d.Department.ToString(); v[6].Value = d.IssuedOn; v[7].Value = d.ExpiresOn is { } e ? e : DBNull.Value;
        v[8].Value = d.Status.ToString(); v[9].Value = Db(d.LicenceCategory);
    }

    private static object Db(string? s) => (object?)s ?? DBNull.Value;
}
