using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Telemetry;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// Appends records to the bitácora with group commit: concurrent callers queue their entries, one
/// writer takes everything queued, writes it in a single transaction and releases each caller only
/// after that transaction is durably committed. One fsync then covers many queries.
/// <para>
/// Appends are serialised across processes by the database itself: the writer reads the chain tail
/// inside a transaction that already holds the write lock (SQLite: <c>BEGIN IMMEDIATE</c>, the
/// database-wide write lock; PostgreSQL: the transaction-scoped advisory lock <c>pg_advisory_xact_lock</c>;
/// SQL Server: an exclusive application lock <c>sp_getapplock</c> owned by the transaction). Another instance appending at the same time waits for the lock and then reads
/// the new tail, so sequence numbers stay contiguous and every hash links to its real predecessor.
/// </para>
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    /// <summary>The PostgreSQL advisory lock key of the audit append ("SEGIPAUD" in ASCII): one per database.</summary>
    public const long PostgresAppendLock = 0x5345474950415544;

    private readonly DatabaseSettings db;
    private readonly TimeProvider time;
    private readonly ILogger<AuditLog> logger;
    private readonly System.Threading.Channels.Channel<Pending> queue = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private readonly Thread writer;
    private DbConnection? connection;
    private DbCommand? insert;
    private DbCommand? insertSubject;
    private readonly ConsultaMetrics? metrics;
    // Environment.TickCount64 when the batch being written began (0: idle), and whether the last batch failed.
    private long batchStartedMs;
    private volatile bool lastBatchFailed;
    // The single-reader channel cannot count its items, so the queue depth is kept here.
    private long queued;

    public AuditLog(DatabaseSettings db, TimeProvider time, ILogger<AuditLog> logger, ConsultaMetrics? metrics = null)
    {
        this.db = db;
        this.time = time;
        this.logger = logger;
        this.metrics = metrics;
        metrics?.ObserveAuditQueue(() => Interlocked.Read(ref queued));
        // A dedicated thread, not the thread pool: every query waits on this one writer, so under load it
        // must not queue behind the requests it is holding up.
        writer = new Thread(WriteLoop) { IsBackground = true, Name = "Bitácora (escritor)" };
        writer.Start();
    }

    /// <summary>Records the entry and returns once it is durably committed, with its sequence, time and hash.</summary>
    public Task<AuditRecord> AppendAsync(AuditEntry entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource<AuditRecord>(TaskCreationOptions.RunContinuationsAsynchronously),
            System.Diagnostics.Stopwatch.GetTimestamp());
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref queued);
            pending.Completion.SetException(new InvalidOperationException("La bitácora se está cerrando."));
        }
        return pending.Completion.Task;
    }

    private void WriteLoop()
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = queue.Reader;
        while (WaitForWork(reader))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var p)) batch.Add(p);
            Interlocked.Add(ref queued, -batch.Count);
            Interlocked.Exchange(ref batchStartedMs, Environment.TickCount64);
            // Stopwatch, not TickCount64: the tick count moves in steps of several milliseconds on Linux, as long as a commit.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var records = WriteBatch(batch);
                metrics?.RecordAuditBatch(batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                lastBatchFailed = false;
                for (var i = 0; i < batch.Count; i++)
                {
                    metrics?.RecordCommitted(records[i]);
                    metrics?.RecordAuditWait(System.Diagnostics.Stopwatch.GetElapsedTime(batch[i].Enqueued));
                    batch[i].Completion.SetResult(records[i]);
                }
            }
            catch (Exception ex)
            {
                lastBatchFailed = true;
                logger.LogError(ex, "No se pudo escribir un lote de {Count} registros en la bitácora", batch.Count);
                foreach (var p in batch) p.Completion.TrySetException(new AuditWriteException(ex));
                ResetConnection();
            }
            Interlocked.Exchange(ref batchStartedMs, 0);
        }
    }

    /// <summary>For the health checks: whether the writer runs, what waits for it and how long its batch has taken.</summary>
    public AuditWriterState State
    {
        get
        {
            var started = Interlocked.Read(ref batchStartedMs);
            var busy = started == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
            return new AuditWriterState(writer.IsAlive, (int)Interlocked.Read(ref queued), busy, lastBatchFailed);
        }
    }

    private static bool WaitForWork(System.Threading.Channels.ChannelReader<Pending> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private AuditRecord[] WriteBatch(List<Pending> batch)
    {
        var conn = GetConnection();
        using var tx = BeginLockedTransaction(conn);

        long lastSequence = 0;
        var lastHash = AuditChain.GenesisHash;
        var lastTime = DateTime.MinValue;
        using (var tail = conn.CreateCommand())
        {
            tail.Transaction = tx;
            tail.CommandText = db.IsSqlite
                ? TailSql
                : db.IsPostgres
                    // The lock and the tail in one round trip: the second statement runs (and takes its read committed
                    // snapshot) only once the first holds the lock.
                    ? $"SELECT pg_advisory_xact_lock({PostgresAppendLock}); {TailSql}"
                    : "SELECT TOP 1 Sequence, Hash, TimestampUtc FROM AuditRecords ORDER BY Sequence DESC";
            using var r = tail.ExecuteReader();
            if (db.IsPostgres) r.NextResult();
            if (r.Read())
            {
                lastSequence = r.GetInt64(0);
                lastHash = (byte[])r.GetValue(1);
                lastTime = r.GetDateTime(2);
            }
        }

        // Time never runs backwards along the chain, even if instances' clocks disagree slightly.
        var now = AuditChain.StoredTime(time.GetUtcNow().UtcDateTime);
        if (now < lastTime) now = lastTime;

        var records = new AuditRecord[batch.Count];
        if (db.IsPostgres)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                records[i] = ToRecord(batch[i].Entry, ++lastSequence, now);
                records[i].Hash = lastHash = AuditChain.ComputeHash(lastHash, records[i]);
            }
            InsertPostgres((NpgsqlConnection)conn, (NpgsqlTransaction)tx, records);
            tx.Commit();
            return records;
        }
        // One prepared insert for the life of the connection: the database parses and plans it once, not per batch.
        var insert = this.insert ??= SqlCommands.Prepare(conn, tx, InsertSql, AuditColumns.Names);
        insert.Transaction = tx;
        for (var i = 0; i < batch.Count; i++)
        {
            var record = ToRecord(batch[i].Entry, ++lastSequence, now);
            record.Hash = AuditChain.ComputeHash(lastHash, record);
            lastHash = record.Hash;
            Bind(insert, record);
            insert.ExecuteNonQuery();
            if (record.Subjects.Count > 0)
            {
                // The persons it touched, in the same transaction (and batch) as the record.
                var subject = insertSubject ??= SqlCommands.Prepare(conn, tx, InsertSubjectSql, AuditColumns.SubjectNames);
                subject.Transaction = tx;
                foreach (var s in record.Subjects)
                {
                    BindSubject(subject, s);
                    subject.ExecuteNonQuery();
                }
            }
            records[i] = record;
        }
        tx.Commit();
        return records;
    }

    private DbTransaction BeginLockedTransaction(DbConnection conn)
    {
        if (db.IsSqlite)
        {
            // Microsoft.Data.Sqlite starts transactions as BEGIN IMMEDIATE unless asked for deferred.
            return ((SqliteConnection)conn).BeginTransaction(deferred: false);
        }
        var tx = conn.BeginTransaction(IsolationLevel.ReadCommitted);
        // PostgreSQL takes its lock together with the tail read (see WriteBatch).
        if (db.IsPostgres) return tx;
        using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        // Read committed: the tail is read by the next statement, after the lock is held, so it sees every
        // record committed by the previous holder. The lock is released by the commit or rollback.
        cmd.CommandText = "EXEC sp_getapplock @Resource = 'SegipAuditAppend', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000";
        cmd.ExecuteNonQuery();
        return tx;
    }

    private static readonly string InsertSql = SqlCommands.Insert("AuditRecords", AuditColumns.Names);
    private static readonly string InsertSubjectSql = SqlCommands.Insert("AuditSubjects", AuditColumns.SubjectNames);

    private const string TailSql = "SELECT \"Sequence\", \"Hash\", \"TimestampUtc\" FROM \"AuditRecords\" ORDER BY \"Sequence\" DESC LIMIT 1";

    private static readonly string PostgresInsertSql = PositionalInsert("AuditRecords", AuditColumns.Names);
    private static readonly string PostgresInsertSubjectSql = PositionalInsert("AuditSubjects", AuditColumns.SubjectNames);

    private static string PositionalInsert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {SqlCommands.Quote(table)} ({string.Join(", ", columns.Select(SqlCommands.Quote))}) " +
        $"VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";

    /// <summary>
    /// PostgreSQL: every insert of the group (records and their subjects) goes in one round trip instead of one per
    /// row. Each is the same server-side prepared statement: Npgsql keeps them per connection by their SQL and
    /// types, so preparing again costs no round trip and the server only binds and runs them.
    /// </summary>
    private static void InsertPostgres(NpgsqlConnection conn, NpgsqlTransaction tx, AuditRecord[] records)
    {
        using var batch = new NpgsqlBatch(conn, tx);
        foreach (var record in records)
        {
            var insert = new NpgsqlBatchCommand(PostgresInsertSql);
            foreach (var column in AuditColumns.All)
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = column.PostgresType, Value = column.Value(record, false) });
            batch.BatchCommands.Add(insert);
            foreach (var s in record.Subjects)
            {
                var subject = new NpgsqlBatchCommand(PostgresInsertSubjectSql);
                object[] values = [s.AuditSequence, s.PersonId, s.Kind.ToString()];
                for (var j = 0; j < values.Length; j++)
                    subject.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = AuditColumns.SubjectPostgresTypes[j], Value = values[j] });
                batch.BatchCommands.Add(subject);
            }
        }
        batch.Prepare();
        batch.ExecuteNonQuery();
    }

    private void Bind(DbCommand cmd, AuditRecord r)
    {
        var p = cmd.Parameters;
        var columns = AuditColumns.All;
        for (var i = 0; i < columns.Count; i++) p[i].Value = columns[i].Value(r, db.IsSqlite);
    }

    private static void BindSubject(DbCommand cmd, AuditSubject s)
    {
        var p = cmd.Parameters;
        p[0].Value = s.AuditSequence;
        p[1].Value = s.PersonId;
        p[2].Value = s.Kind.ToString();
    }

    private static AuditRecord ToRecord(AuditEntry e, long sequence, DateTime nowUtc) => new()
    {
        Sequence = sequence,
        QueryId = e.QueryId,
        TimestampUtc = nowUtc,
        InstitutionId = e.InstitutionId,
        AgreementId = e.AgreementId,
        AccessLevelId = e.AccessLevelId,
        EndUserCode = e.EndUserCode,
        Channel = e.Channel,
        ClientIp = e.ClientIp,
        QueryType = e.QueryType,
        SearchKeys = e.SearchKeys,
        DocumentNumber = e.DocumentNumber,
        DocumentType = e.DocumentType,
        DocumentComplement = e.DocumentComplement,
        Purpose = e.Purpose,
        ConsentReference = e.ConsentReference,
        Result = e.Result,
        RefusalReason = e.RefusalReason,
        DisclosedFields = e.DisclosedFields,
        CertificateNumber = e.CertificateNumber,
        CorrelationId = e.CorrelationId,
        AnswerSha256 = e.AnswerSha256,
        HashVersion = AuditChainVersion.Current,
        Subjects = Subjects(e.Subjects, sequence),
        Hash = AuditChain.GenesisHash,
    };

    /// <summary>
    /// The entry's subjects as rows of this record, ordered by person id (the hash's order) and without repeats
    /// (the table's key): one bad entry must not fail the whole group-commit batch.
    /// </summary>
    private static AuditSubject[] Subjects(IReadOnlyList<AuditSubjectRef> subjects, long sequence)
    {
        if (subjects.Count == 0) return [];
        if (subjects.Count == 1) return [new AuditSubject { AuditSequence = sequence, PersonId = subjects[0].PersonId, Kind = subjects[0].Kind }];
        var rows = new List<AuditSubject>(subjects.Count);
        foreach (var s in subjects.OrderBy(s => s.PersonId))
            if (rows.Count == 0 || rows[^1].PersonId != s.PersonId)
                rows.Add(new AuditSubject { AuditSequence = sequence, PersonId = s.PersonId, Kind = s.Kind });
        return rows.ToArray();
    }

    private DbConnection GetConnection()
    {
        if (connection is not null) return connection;
        DbConnection conn = db.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(db.ConnectionString),
            DatabaseProvider.Postgres => new NpgsqlConnection(db.ConnectionString),
            _ => new SqlConnection(db.ConnectionString),
        };
        conn.Open();
        if (db.IsPostgres)
        {
            using var durable = conn.CreateCommand();
            // The server default, stated so a database or role set to "off" can never weaken the audit:
            // a caller is released only after the commit's WAL is flushed (and, with synchronous_standby_names,
            // confirmed by the standby).
            durable.CommandText = "SET synchronous_commit = on";
            durable.ExecuteNonQuery();
        }
        if (db.IsSqlite)
        {
            SqliteBusyWait.Apply(conn);
            using var pragma = conn.CreateCommand();
            // FULL: the WAL is fsynced at every commit, so a released caller's record survives power loss.
            // The copy of the WAL into the database file is left to WalCheckpointWorker (this is a fallback).
            pragma.CommandText = $"PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint={WalCheckpointWorker.WriterAutoCheckpointPages};";
            pragma.ExecuteNonQuery();
        }
        connection = conn;
        return conn;
    }

    private void ResetConnection()
    {
        insert?.Dispose();
        insert = null;
        insertSubject?.Dispose();
        insertSubject = null;
        connection?.Dispose();
        connection = null;
    }

    public ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        writer.Join();
        ResetConnection();
        return ValueTask.CompletedTask;
    }

    /// <param name="Enqueued">When the query handed the entry over (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</param>
    private sealed record Pending(AuditEntry Entry, TaskCompletionSource<AuditRecord> Completion, long Enqueued);
}

/// <summary>The audit writer as the health checks see it: alive, records waiting, time spent on the current batch.</summary>
public sealed record AuditWriterState(bool Alive, int QueueDepth, TimeSpan CurrentBatch, bool LastBatchFailed);

/// <summary>The record could not be committed; the caller must not answer with any data.</summary>
public sealed class AuditWriteException(Exception inner)
    : Exception("No se pudo registrar la consulta en la bitácora.", inner);
