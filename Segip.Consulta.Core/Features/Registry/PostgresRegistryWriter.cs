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
/// Into empty registry tables (a first load) everything is one transaction: every index and constraint of the two
/// tables (primary keys and the unique document key included, and the foreign keys into them) is dropped at the
/// start and created again before the single commit, so a load cut off at any point (even kill -9) leaves the empty
/// tables with every index and constraint. Each batch is copied straight into the tables (a plain <c>COPY</c>; a
/// person whose rows straddle two batches is sent once); the keys are then built once, by sorting, instead of
/// being maintained row by row. If the file repeats a person or a document (or reuses a document id), building a
/// key fails: the load is rolled back and <see cref="RegistryImporter"/> runs the file again with
/// <c>keepUniqueKeys</c>, where the keys stay during the load, a batch whose copy breaks one is rolled back to its
/// savepoint and goes through the staging merge instead, which applies it and reports refusals exactly as on a
/// registry that already has data.
/// Otherwise the rows are committed every <see cref="RegistryImporter.BatchRows"/> rows with every index in
/// place, so the app keeps serving.
/// </para>
/// </summary>
internal sealed class PostgresRegistryWriter(string connectionString, bool keepUniqueKeys = false) : RegistryWriter
{
    private static readonly string[] DocumentKey = ["Number", "Type", "Complement"];

    private readonly NpgsqlConnection connection = new(connectionString);
    private NpgsqlTransaction? transaction;
    private bool firstLoad;
    private long rowsInTransaction;
    /// <summary>First load: primary keys and unique indexes to build at the end (a duplicate makes them fail).</summary>
    private readonly List<string> setAsideKeys = [];
    private readonly List<string> setAsideIndexes = [];
    private readonly List<string> setAsideConstraints = [];
    /// <summary>First load: the person of the last row written, so a person whose rows straddle two batches is copied once.</summary>
    private long lastPersonId = -1;

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
        // The foreign keys of and into the two tables go first (a primary key cannot be dropped under one).
        // Every document's person is written before it, so the per-row check (a look-up in Persons for each of
        // millions of rows) is replaced by one validation at the end.
        foreach (var (drop, add) in await ListAsync(ConstraintsSql("contype = 'f' AND (conrelid IN (@t) OR confrelid IN (@t))"), ct))
        {
            await ExecAsync(drop, ct);
            setAsideConstraints.Add(add);
        }
        if (!keepUniqueKeys)
        {
            foreach (var (drop, add) in await ListAsync(ConstraintsSql("contype = 'p' AND conrelid IN (@t)"), ct))
            {
                await ExecAsync(drop, ct);
                setAsideKeys.Add(add);
            }
        }
        // With keepUniqueKeys the unique document key stays: the merge finds existing rows by it.
        foreach (var (name, sql) in await ListAsync(
                     "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('Persons', 'IdentityDocuments') " +
                     (keepUniqueKeys ? "AND indexdef NOT LIKE 'CREATE UNIQUE%' " : "") + "ORDER BY indexname", ct))
        {
            await ExecAsync($"DROP INDEX {SqlCommands.Quote(name)}", ct);
            (sql.StartsWith("CREATE UNIQUE", StringComparison.Ordinal) ? setAsideKeys : setAsideIndexes).Add(sql);
        }
        // Session settings for the rebuild at the end: memory to sort each index in one pass, and for the foreign
        // key's validation (a hash join of documents and persons) to hash the persons without spilling to disk.
        await ExecAsync("SET maintenance_work_mem = '512MB'; SET work_mem = '256MB'", ct);
    }

    public override void Write(RegistryBatch batch)
    {
        if (firstLoad && TryCopyDirect(batch)) return;
        Exec("TRUNCATE stage_persons, stage_documents");
        var last = Stage(batch, "stage_persons", "stage_documents", withOrder: true, previousPersonId: -1);
        if (firstLoad) lastPersonId = last;
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

    /// <summary>
    /// First load: the batch copied straight into the tables. False (and nothing written) when the copy breaks a
    /// key, that is, when the batch repeats a person or a document already loaded or reuses a document id.
    /// </summary>
    private bool TryCopyDirect(RegistryBatch batch)
    {
        Exec("SAVEPOINT batch");
        try
        {
            lastPersonId = Stage(batch, "\"Persons\"", "\"IdentityDocuments\"", withOrder: false, lastPersonId);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            Exec("ROLLBACK TO SAVEPOINT batch");
            return false;
        }
        Exec("RELEASE SAVEPOINT batch");
        return true;
    }

    /// <summary>
    /// Copies the batch's valid rows into the two tables (with the row's place in the batch first when
    /// <paramref name="withOrder"/>, for the staging tables); a person repeated on consecutive rows is sent once,
    /// and not at all when it is <paramref name="previousPersonId"/>. Returns the person of the last valid row.
    /// </summary>
    private long Stage(RegistryBatch batch, string personsTable, string documentsTable, bool withOrder, long previousPersonId)
    {
        var lastPersonId = previousPersonId;
        using (var persons = connection.BeginBinaryImport(Copy(personsTable, PersonColumns, withOrder)))
        {
            for (var r = 0; r < batch.Count; r++)
            {
                ref readonly var record = ref batch.Records[r];
                if (record.Error is not null || record.PersonId == lastPersonId) continue;
                lastPersonId = record.PersonId;
                persons.StartRow();
                if (withOrder) persons.Write(r, NpgsqlDbType.Integer);
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
        using var documents = connection.BeginBinaryImport(Copy(documentsTable, DocumentColumns, withOrder));
        for (var r = 0; r < batch.Count; r++)
        {
            ref readonly var record = ref batch.Records[r];
            if (record.Error is not null) continue;
            documents.StartRow();
            if (withOrder) documents.Write(r, NpgsqlDbType.Integer);
            documents.Write(record.DocumentId, NpgsqlDbType.Bigint);
            documents.Write(record.PersonId, NpgsqlDbType.Bigint);
            for (var slot = 17; slot <= 24; slot++)
            {
                if (slot is 21 or 22) WriteDate(documents, batch, r, slot);
                else WriteText(documents, batch, r, slot);
            }
        }
        documents.Complete();
        return lastPersonId;
    }

    private static void WriteText(NpgsqlBinaryImporter importer, RegistryBatch batch, int r, int slot)
    {
        if (batch.IsNull(r, slot)) importer.WriteNull();
        // In binary COPY a text value travels as its UTF-8 bytes, exactly as bytea does: sending the line's own
        // bytes (already valid UTF-8, see RegistryLineParser) skips a string per value and its re-encoding.
        // The server still checks the encoding and the column's length.
        else importer.Write(batch.ValueMemory(r, slot), NpgsqlDbType.Bytea);
    }

    private static void WriteDate(NpgsqlBinaryImporter importer, RegistryBatch batch, int r, int slot)
    {
        if (batch.IsNull(r, slot)) importer.WriteNull();
        else importer.Write(ParseDate(batch.Value(r, slot)), NpgsqlDbType.Date);
    }

    /// <summary>A yyyy-MM-dd date the parser already validated, read from its bytes (no string per value).</summary>
    private static DateOnly ParseDate(ReadOnlySpan<byte> v)
    {
        static int Digits(ReadOnlySpan<byte> d)
        {
            var n = 0;
            foreach (var b in d) n = n * 10 + (b - '0');
            return n;
        }
        if (v.Length != 10) return DateOnly.ParseExact(System.Text.Encoding.UTF8.GetString(v), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new DateOnly(Digits(v[..4]), Digits(v[5..7]), Digits(v[8..10]));
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

    private static string Copy(string table, string[] columns, bool withOrder) =>
        $"COPY {table} ({(withOrder ? "ord, " : "")}{string.Join(", ", columns.Select(SqlCommands.Quote))}) FROM STDIN (FORMAT BINARY)";

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
        if (setAsideKeys.Count + setAsideIndexes.Count > 0) stage("recreando índices");
        try
        {
            foreach (var sql in setAsideKeys) await ExecAsync(sql, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The file repeats a key: nothing is committed, the importer loads it again keeping the keys.
            throw new FirstLoadRepeatsKeysException(ex);
        }
        setAsideKeys.Clear();
        foreach (var sql in setAsideIndexes) await ExecAsync(sql, ct);
        setAsideIndexes.Clear();
        foreach (var sql in setAsideConstraints) await ExecAsync(sql, ct);
        setAsideConstraints.Clear();
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
        // No time limit: rebuilding an index over millions of rows takes longer than the default 30 s.
        await using var cmd = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The drop and add statements of the two tables' constraints matching <paramref name="where"/> (@t: the tables).</summary>
    private static string ConstraintsSql(string where) =>
        "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), " +
        "format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) " +
        $"FROM pg_constraint WHERE {where.Replace("@t", "'\"Persons\"'::regclass, '\"IdentityDocuments\"'::regclass")} ORDER BY conname";

    private async Task<List<(string, string)>> ListAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        var rows = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        return await cmd.ExecuteScalarAsync(ct);
    }
}

/// <summary>A fast first load found a repeated person or document key when building the keys; nothing was committed.</summary>
internal sealed class FirstLoadRepeatsKeysException(Exception inner) : Exception("El archivo repite claves; se carga de nuevo conservándolas.", inner);
