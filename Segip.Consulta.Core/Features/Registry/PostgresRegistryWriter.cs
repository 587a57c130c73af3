using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// Writes registry rows to PostgreSQL: each batch goes by binary <c>COPY</c> (<see cref="NpgsqlBinaryImporter"/>)
/// into session-local staging tables, then one <c>INSERT … SELECT … ON CONFLICT DO UPDATE</c> per table merges
/// it, updating only rows whose values differ, so re-applying a file changes nothing and never duplicates.
/// Rows the database would refuse (a document id already used by another document) are found by a query
/// before the merge and reported like on the other providers.
/// <para>
/// Into empty registry tables (a first load) everything is one transaction: the secondary indexes are dropped
/// at the start and created again before the single commit, so a load cut off at any point (even kill -9)
/// leaves the empty tables with every index. Otherwise the rows are committed every
/// <see cref="RegistryImporter.BatchRows"/> rows with every index in place, so the app keeps serving.
/// </para>
/// </summary>
internal sealed class PostgresRegistryWriter(string connectionString) : RegistryWriter
{
    private static readonly string[] DocumentKey = ["Number", "Type", "Complement"];

    private readonly NpgsqlConnection connection = new(connectionString);
    private NpgsqlTransaction? transaction;
    private bool firstLoad;
    private long rowsInTransaction;
    private readonly List<string> setAsideIndexes = [];

    public override async Task BeginAsync(CancellationToken ct)
    {
        await connection.OpenAsync(ct);
        // A cut-off import is simply run again, and the audit log is never written here.
        await ExecAsync("SET synchronous_commit = off", ct);
        await ExecAsync("CREATE TEMP TABLE stage_persons (ord integer, LIKE \"Persons\"); " +
                        "CREATE TEMP TABLE stage_documents (ord integer, LIKE \"IdentityDocuments\")", ct);
        firstLoad = await ScalarAsync("SELECT NOT EXISTS (SELECT 1 FROM \"Persons\") AND NOT EXISTS (SELECT 1 FROM \"IdentityDocuments\")", ct) is true;
        transaction = await connection.BeginTransactionAsync(ct);
        if (!firstLoad) return;
        // The primary keys and the unique document key stay: the merge finds existing rows by them.
        await using var list = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('Persons', 'IdentityDocuments') " +
            "AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname", connection, transaction);
        var indexes = new List<(string Name, string Sql)>();
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, sql) in indexes)
        {
            await ExecAsync($"DROP INDEX {SqlCommands.Quote(name)}", ct);
            setAsideIndexes.Add(sql);
        }
    }

    public override void Write(RegistryBatch batch)
    {
        Exec("TRUNCATE stage_persons, stage_documents");
        Stage(batch);
        using (var refused = new NpgsqlCommand(RefusedDocumentsSql, connection, transaction))
        using (var reader = refused.ExecuteReader())
        {
            while (reader.Read()) batch.Records[reader.GetInt32(0)].Error = ConstraintReason;
        }
        Exec(RemoveRefusedSql);
        Exec(Merge("Persons", PersonColumns, ["Id"], "stage_persons"));
        Exec(Merge("IdentityDocuments", DocumentColumns, DocumentKey, "stage_documents"));
        rowsInTransaction += batch.Count;
        if (!firstLoad && rowsInTransaction >= RegistryImporter.BatchRows)
        {
            transaction!.Commit();
            transaction.Dispose();
            transaction = connection.BeginTransaction();
            rowsInTransaction = 0;
        }
    }

    /// <summary>Copies the batch's valid rows into the staging tables; a person repeated on consecutive rows is sent once.</summary>
    private void Stage(RegistryBatch batch)
    {
        using (var persons = connection.BeginBinaryImport(Copy("stage_persons", PersonColumns)))
        {
            var lastPersonId = -1L;
            for (var r = 0; r < batch.Count; r++)
            {
                ref readonly var record = ref batch.Records[r];
                if (record.Error is not null || record.PersonId == lastPersonId) continue;
                lastPersonId = record.PersonId;
                persons.StartRow();
                persons.Write(r, NpgsqlDbType.Integer);
                persons.Write(record.PersonId, NpgsqlDbType.Bigint);
                for (var slot = 1; slot <= 13; slot++)
                {
                    if (slot == 5) WriteDate(persons, batch, r, slot);
                    else WriteText(persons, batch, r, slot);
                }
                persons.Write(record.IsDeceased, NpgsqlDbType.Boolean);
                WriteDate(persons, batch, r, 15);
                WriteText(persons, batch, r, RegistryBatch.SearchNameSlot);
            }
            persons.Complete();
        }
        using var documents = connection.BeginBinaryImport(Copy("stage_documents", DocumentColumns));
        for (var r = 0; r < batch.Count; r++)
        {
            ref readonly var record = ref batch.Records[r];
            if (record.Error is not null) continue;
            documents.StartRow();
            documents.Write(r, NpgsqlDbType.Integer);
            documents.Write(record.DocumentId, NpgsqlDbType.Bigint);
            documents.Write(record.PersonId, NpgsqlDbType.Bigint);
            for (var slot = 17; slot <= 24; slot++)
            {
                if (slot is 21 or 22) WriteDate(documents, batch, r, slot);
                else WriteText(documents, batch, r, slot);
            }
        }
        documents.Complete();
    }

    private static void WriteText(NpgsqlBinaryImporter importer, RegistryBatch batch, int r, int slot)
    {
        if (batch.IsNull(r, slot)) importer.WriteNull();
        else importer.Write(batch.Text(r, slot)!, NpgsqlDbType.Varchar);
    }

    private static void WriteDate(NpgsqlBinaryImporter importer, RegistryBatch batch, int r, int slot)
    {
        if (batch.IsNull(r, slot)) importer.WriteNull();
        else importer.Write(DateOnly.ParseExact(batch.Text(r, slot)!, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
    }

    /// <summary>
    /// Staged documents whose id belongs to another document (in the table, or earlier in the batch): the other
    /// providers' unique constraint refuses them, so they are reported instead of merged.
    /// </summary>
    private static readonly string RefusedDocumentsSql =
        "WITH first AS (SELECT DISTINCT ON (\"Id\") \"Id\", \"Number\", \"Type\", \"Complement\" FROM stage_documents ORDER BY \"Id\", ord) " +
        "SELECT s.ord FROM stage_documents s JOIN first f ON f.\"Id\" = s.\"Id\" " +
        "WHERE (f.\"Number\", f.\"Type\", f.\"Complement\") IS DISTINCT FROM (s.\"Number\", s.\"Type\", s.\"Complement\") " +
        "UNION SELECT s.ord FROM stage_documents s JOIN \"IdentityDocuments\" d ON d.\"Id\" = s.\"Id\" " +
        "WHERE (d.\"Number\", d.\"Type\", d.\"Complement\") IS DISTINCT FROM (s.\"Number\", s.\"Type\", s.\"Complement\")";

    private static readonly string RemoveRefusedSql = $"DELETE FROM stage_documents WHERE ord IN ({RefusedDocumentsSql})";

    private static string Copy(string table, string[] columns) =>
        $"COPY {table} (ord, {string.Join(", ", columns.Select(SqlCommands.Quote))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Upsert of the staged rows on the key; the last row of the batch with a key wins, as with row-by-row upserts.</summary>
    private static string Merge(string table, string[] columns, string[] key, string stage)
    {
        var q = columns.Select(SqlCommands.Quote).ToArray();
        var k = string.Join(", ", key.Select(SqlCommands.Quote));
        var updatable = columns.Where(c => c != "Id" && !key.Contains(c)).Select(SqlCommands.Quote).ToArray();
        return $"INSERT INTO {SqlCommands.Quote(table)} ({string.Join(", ", q)}) " +
               $"SELECT DISTINCT ON ({k}) {string.Join(", ", q)} FROM {stage} ORDER BY {k}, ord DESC " +
               $"ON CONFLICT ({k}) DO UPDATE SET {string.Join(", ", updatable.Select(c => $"{c} = excluded.{c}"))} " +
               $"WHERE ({string.Join(", ", updatable.Select(c => $"{SqlCommands.Quote(table)}.{c}"))}) " +
               $"IS DISTINCT FROM ({string.Join(", ", updatable.Select(c => $"excluded.{c}"))})";
    }

    public override async Task CompleteAsync(Action<string> stage, CancellationToken ct)
    {
        if (setAsideIndexes.Count > 0) stage("recreando índices");
        foreach (var sql in setAsideIndexes) await ExecAsync(sql, ct);
        setAsideIndexes.Clear();
        stage("confirmando");
        await transaction!.CommitAsync(ct);
        await transaction.DisposeAsync();
        transaction = null;
        // Fresh statistics, so the first queries after a load plan with the real table sizes.
        await ExecAsync("ANALYZE \"Persons\"; ANALYZE \"IdentityDocuments\"", ct);
    }

    public override async ValueTask DisposeAsync()
    {
        // An unfinished transaction is rolled back by closing the connection; a first load leaves empty tables.
        if (transaction is not null) await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private void Exec(string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, transaction);
        cmd.ExecuteNonQuery();
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
