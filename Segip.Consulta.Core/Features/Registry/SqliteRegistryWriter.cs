using Microsoft.Data.Sqlite;
using SQLitePCL;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// Writes registry rows to SQLite through the native statement API, binding each value's UTF-8 bytes
/// straight from the batch (no string, no boxing, no per-call command bookkeeping).
/// <para>
/// Into empty registry tables (a first load) everything happens in ONE transaction: the secondary
/// indexes are dropped, the rows inserted and the indexes created again from their stored definitions
/// before the single commit, and the journal is a rollback journal meanwhile, so new pages are written
/// once instead of through the WAL. A load cut off at any point (even kill -9) rolls back to the empty
/// tables with every index in place. This needs the database to itself (the app stopped); otherwise, and
/// for tables that already have rows, rows are upserted with every index in WAL transactions of
/// <see cref="RegistryImporter.BatchRows"/> rows, so the app keeps serving while a file is (re-)applied.
/// </para>
/// </summary>
internal sealed class SqliteRegistryWriter(string connectionString) : RowByRowRegistryWriter
{
    /// <summary>Batch slots bound to the person statement's parameters 2–14 (after Id); 15 is IsDeceased.</summary>
    private static readonly int[] PersonTextSlots = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

    private readonly SqliteConnection connection = new(connectionString);
    private sqlite3 db = default!;
    private sqlite3_stmt? person, document, insertPerson, insertDocument;
    private bool inTransaction, firstLoad, leftWal;
    private long rowsInTransaction, lastPersonId = -1;
    private readonly List<string> setAsideIndexes = [];

    public override async Task BeginAsync(CancellationToken ct)
    {
        await connection.OpenAsync(ct);
        db = connection.Handle!;
        // Microsoft.Data.Sqlite retries busy statements itself; raw calls need SQLite's own timeout.
        raw.sqlite3_busy_timeout(db, 30_000);
        // Bulk load: a cut-off import is simply run again (and the audit log is never touched here).
        Exec("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY; PRAGMA threads=2;");

        if (Scalar("SELECT NOT EXISTS (SELECT 1 FROM Persons) AND NOT EXISTS (SELECT 1 FROM IdentityDocuments)") == 1)
        {
            // Leaving WAL needs the only connection to the file: drop idle pooled ones. If another process
            // (the app) has the database open the switch fails, and the load runs like an update instead,
            // in short transactions with every index, so the app is never blocked for the whole load.
            SqliteConnection.ClearPool(connection);
            raw.sqlite3_busy_timeout(db, 1_000);
            leftWal = TryText("PRAGMA journal_mode=DELETE") == "delete";
            raw.sqlite3_busy_timeout(db, 30_000);
            firstLoad = leftWal;
        }
        Begin();
        if (firstLoad)
        {
            // The unique indexes stay: they are what the upserts find duplicates by.
            using var list = connection.CreateCommand();
            list.CommandText = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('Persons', 'IdentityDocuments') " +
                               "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name";
            var indexes = new List<(string Name, string Sql)>();
            using (var reader = list.ExecuteReader())
            {
                while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (name, sql) in indexes)
            {
                Exec($"DROP INDEX \"{name}\"");
                setAsideIndexes.Add(sql);
            }
        }
        person = Prepare(Upsert("Persons", PersonColumns, ["Id"]));
        document = Prepare(Upsert("IdentityDocuments", DocumentColumns, ["Number", "Type", "Complement"]));
        if (firstLoad)
        {
            // Into empty tables most rows are new: a plain INSERT, which needs no statement journal, and
            // the upsert only when it meets an existing key (a key repeated in the file).
            insertPerson = Prepare(SqlCommands.Insert("Persons", PersonColumns));
            insertDocument = Prepare(SqlCommands.Insert("IdentityDocuments", DocumentColumns));
        }
    }

    protected override string? WriteRow(RegistryBatch batch, int r)
    {
        var personId = batch.Records[r].PersonId;
        if (personId != lastPersonId)
        {
            if (!Run(insertPerson, person!, BindPerson, batch, r))
            {
                lastPersonId = -1;
                return ConstraintReason;
            }
            lastPersonId = personId;
        }
        if (!Run(insertDocument, document!, BindDocument, batch, r))
        {
            lastPersonId = -1;
            return ConstraintReason;
        }
        if (!firstLoad && ++rowsInTransaction >= RegistryImporter.BatchRows)
        {
            Exec("COMMIT");
            inTransaction = false;
            Begin();
        }
        return null;
    }

    /// <summary>The plain insert if there is one and it succeeds, else the upsert; false when the upsert breaks a constraint too.</summary>
    private bool Run(sqlite3_stmt? insert, sqlite3_stmt upsert, Action<sqlite3_stmt, RegistryBatch, int> bind, RegistryBatch batch, int r)
    {
        if (insert is not null)
        {
            bind(insert, batch, r);
            if (Step(insert)) return true;
        }
        bind(upsert, batch, r);
        return Step(upsert);
    }

    private static void BindPerson(sqlite3_stmt p, RegistryBatch batch, int r)
    {
        ref readonly var record = ref batch.Records[r];
        raw.sqlite3_bind_int64(p, 1, record.PersonId);
        for (var i = 0; i < PersonTextSlots.Length; i++) BindText(p, i + 2, batch, r, PersonTextSlots[i]);
        raw.sqlite3_bind_int64(p, 15, record.IsDeceased ? 1 : 0);
        BindText(p, 16, batch, r, 15);
        BindText(p, 17, batch, r, RegistryBatch.SearchNameSlot);
    }

    private static void BindDocument(sqlite3_stmt d, RegistryBatch batch, int r)
    {
        raw.sqlite3_bind_int64(d, 1, batch.Records[r].DocumentId);
        raw.sqlite3_bind_int64(d, 2, batch.Records[r].PersonId);
        for (var slot = 17; slot <= 24; slot++) BindText(d, slot - 14, batch, r, slot);
    }

    public override Task CompleteAsync(Action<string> stage, CancellationToken ct)
    {
        DisposeStatements();
        if (setAsideIndexes.Count > 0) stage("recreando índices");
        foreach (var sql in setAsideIndexes) Exec(sql);
        setAsideIndexes.Clear();
        stage("confirmando");
        Exec("COMMIT");
        inTransaction = false;
        RestoreWal();
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        DisposeStatements();
        if (inTransaction && db is not null)
        {
            raw.sqlite3_exec(db, "ROLLBACK");
            inTransaction = false;
        }
        try
        {
            RestoreWal();
        }
        catch (SqliteException)
        {
            // The app sets WAL again on its next start (DatabaseInitializer.MigrateAsync).
        }
        await connection.DisposeAsync();
    }

    private void DisposeStatements()
    {
        foreach (var stmt in new[] { person, document, insertPerson, insertDocument }) stmt?.Dispose();
        person = document = insertPerson = insertDocument = null;
    }

    private void RestoreWal()
    {
        if (!leftWal) return;
        Exec("PRAGMA journal_mode=WAL");
        leftWal = false;
    }

    private void Begin()
    {
        Exec("BEGIN IMMEDIATE");
        inTransaction = true;
        rowsInTransaction = 0;
        lastPersonId = -1;
    }

    /// <summary>
    /// SQLite's INSERT … ON CONFLICT DO UPDATE on the natural key, updating only rows whose values differ,
    /// so re-applying an unchanged file rewrites no page.
    /// </summary>
    private static string Upsert(string table, string[] columns, string[] key)
    {
        var updatable = columns.Where(c => c != "Id" && !key.Contains(c)).ToArray();
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))}) " +
               $"ON CONFLICT({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", updatable.Select(c => $"{c} = excluded.{c}"))} " +
               $"WHERE {string.Join(" OR ", updatable.Select(c => $"{table}.{c} IS NOT excluded.{c}"))}";
    }

    private static void BindText(sqlite3_stmt stmt, int index, RegistryBatch batch, int r, int slot)
    {
        if (batch.IsNull(r, slot)) raw.sqlite3_bind_null(stmt, index);
        else raw.sqlite3_bind_text(stmt, index, batch.Value(r, slot));
    }

    /// <summary>Runs the statement; false when it broke a constraint (only that statement is undone).</summary>
    private bool Step(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc == raw.SQLITE_DONE) return true;
        if ((rc & 0xFF) == raw.SQLITE_CONSTRAINT) return false;
        throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt);
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        return stmt;
    }

    private void Exec(string sql)
    {
        var rc = raw.sqlite3_exec(db, sql);
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    private long Scalar(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of the first row, or null when there is none or the database is busy.</summary>
    private string? TryText(string sql)
    {
        using var stmt = Prepare(sql);
        return raw.sqlite3_step(stmt) == raw.SQLITE_ROW ? raw.sqlite3_column_text(stmt, 0).utf8_to_string() : null;
    }
}
