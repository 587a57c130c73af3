using System.Diagnostics;
using Npgsql;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Bench.AuditSeed;

public static partial class AuditSeeder
{
    /// <summary>
    /// The same bitácora on PostgreSQL: schema by the app's migrations, institutions through EF, then the records by
    /// binary <c>COPY</c> (<see cref="NpgsqlBinaryImporter"/>) into the table with its secondary indexes dropped, which
    /// are rebuilt from their own definitions at the end, then <c>ANALYZE</c>. The database must be empty.
    /// Bench-only shortcut: <c>synchronous_commit=off</c> for this session (the app never relaxes it for the audit).
    /// </summary>
    public static async Task RunPostgresAsync(IServiceProvider services, string connectionString, AuditSeedPlan options)
    {
        var started = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var parties = await SchemaAndInstitutionsAsync(services, options, now, started);

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await ExecAsync(conn, "SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
        var indexes = new List<(string Name, string Sql)>();
        await using (var list = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename IN ('AuditRecords', 'AuditSubjects') AND i.schemaname = current_schema() " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", conn))
        await using (var r = await list.ExecuteReaderAsync())
        {
            while (await r.ReadAsync()) indexes.Add((r.GetString(0), r.GetString(1)));
        }
        foreach (var (name, _) in indexes) await ExecAsync(conn, $"DROP INDEX \"{name}\"");

        var load = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await CopyAsync(conn, parties, options, now);
        var loadSeconds = load.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{options.Records:N0} registros encadenados en {loadSeconds:N1} s ({options.Records / loadSeconds:N0} registros/s; " +
            $"{cpuSeconds:N1} s de CPU de este proceso).");

        var rebuild = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes) await ExecAsync(conn, sql);
        await ExecAsync(conn, "ANALYZE \"AuditRecords\"; ANALYZE \"AuditSubjects\"");
        Console.WriteLine($"{indexes.Count} índices reconstruidos y ANALYZE en {rebuild.Elapsed.TotalSeconds:N1} s.");
        Console.WriteLine($"Listo en {started.Elapsed.TotalSeconds:N1} s.");
    }

    private static async Task CopyAsync(NpgsqlConnection conn, List<Party> parties, AuditSeedPlan options, DateTime now)
    {
        var previous = AuditChain.GenesisHash;
        using var chunks = new System.Collections.Concurrent.BlockingCollection<AuditRecord[]>(boundedCapacity: 4);
        var producer = Produce(chunks, parties, options, now);
        var columns = AuditColumns.All;
        var copy = $"COPY \"AuditRecords\" ({string.Join(", ", AuditColumns.Names.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        var copySubjects = $"COPY \"AuditSubjects\" ({string.Join(", ", AuditColumns.SubjectNames.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        var subjects = new List<AuditSubject>();
        var progress = Stopwatch.StartNew();
        // One COPY per RowsPerTransaction rows: each commits on its own, so a long load shows its progress in the table.
        // The chunk's linked persons follow in their own COPY (they reference the records just written).
        NpgsqlBinaryImporter? importer = null;
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable())
            {
                foreach (var record in chunk)
                {
                    // PostgreSQL keeps microseconds: the hash covers the time as stored, as the app's writer does.
                    record.TimestampUtc = AuditChain.StoredTime(record.TimestampUtc);
                    record.Hash = AuditChain.ComputeHash(previous, record);
                    previous = record.Hash;
                    importer ??= conn.BeginBinaryImport(copy);
                    importer.StartRow();
                    foreach (var column in columns)
                    {
                        var value = column.Value(record, false);
                        if (value is DBNull) importer.WriteNull();
                        else importer.Write(value, column.PostgresType);
                    }
                    subjects.AddRange(record.Subjects);
                    if (record.Sequence % RowsPerTransaction == 0)
                    {
                        importer.Complete();
                        importer.Dispose();
                        importer = null;
                        CopySubjects(conn, copySubjects, subjects);
                    }
                    if (record.Sequence % 1_000_000 == 0)
                        Console.WriteLine($"  {record.Sequence:N0} ({record.Sequence / progress.Elapsed.TotalSeconds:N0} registros/s)");
                }
            }
            importer?.Complete();
            importer?.Dispose();
            importer = null;
            CopySubjects(conn, copySubjects, subjects);
        }
        finally
        {
            importer?.Dispose();
        }
        await producer;
    }

    private static void CopySubjects(NpgsqlConnection conn, string copy, List<AuditSubject> subjects)
    {
        if (subjects.Count == 0) return;
        using (var importer = conn.BeginBinaryImport(copy))
        {
            foreach (var subject in subjects)
            {
                importer.StartRow();
                importer.Write(subject.AuditSequence, AuditColumns.SubjectPostgresTypes[0]);
                importer.Write(subject.PersonId, AuditColumns.SubjectPostgresTypes[1]);
                importer.Write(subject.Kind.ToString(), AuditColumns.SubjectPostgresTypes[2]);
            }
            importer.Complete();
        }
        subjects.Clear();
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
