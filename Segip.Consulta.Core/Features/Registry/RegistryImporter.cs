using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Registry;

/// <param name="Stage">What the import is doing after the last row (such as rebuilding indexes), or null while rows are read.</param>
public sealed record ImportProgress(long Rows, long Imported, long Rejected, long BytesRead, long TotalBytes, TimeSpan Elapsed, string? Stage = null)
{
    public double Fraction => TotalBytes == 0 ? 1 : Math.Min(1, (double)BytesRead / TotalBytes);
    public double RowsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Rows / Elapsed.TotalSeconds;
    public TimeSpan? Eta => Fraction is <= 0 or >= 1 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds * (1 - Fraction) / Fraction);
}

public sealed record ImportResult(long Rows, long Imported, long Rejected, string? RejectReportPath, TimeSpan Elapsed, string? FatalError = null);

/// <summary>
/// Imports a registry CSV (<see cref="RegistryCsvFormat"/>): every row is validated, rejected rows go to
/// a report beside the file with the reason, the rest are upserted (persons by idPersona, documents by
/// type + number + complement), so re-running the same file updates and never duplicates.
/// One thread reads and parses the file into batches while the caller's thread writes them, so both
/// cores work; see <see cref="SqliteRegistryWriter"/> and <see cref="PostgresRegistryWriter"/> for how a first load into empty tables is done.
/// </summary>
public sealed class RegistryImporter(DatabaseSettings database, Telemetry.ConsultaMetrics? metrics = null)
{
    /// <summary>Rows per transaction when updating a registry that already has data.</summary>
    public const int BatchRows = 50_000;

    private const int RowsPerBatch = 4_096;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    public async Task<ImportResult> ImportAsync(string path, Action<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            return await ImportOnceAsync(path, progress, watch, keepUniqueKeys: false, ct);
        }
        catch (FirstLoadRepeatsKeysException)
        {
            // A PostgreSQL first load builds its keys at the end; the file repeats one, so it is loaded again with
            // the keys in place, which applies the repeats and reports the clashes row by row (rare: slower, same result).
            return await ImportOnceAsync(path, progress, watch, keepUniqueKeys: true, ct);
        }
    }

    private async Task<ImportResult> ImportOnceAsync(string path, Action<ImportProgress>? progress, Stopwatch watch, bool keepUniqueKeys, CancellationToken ct)
    {
        if (!File.Exists(path)) return new(0, 0, 0, null, watch.Elapsed, $"No existe el archivo {path}.");

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        var lines = new RegistryLineSource(file);
        var headerError = RegistryCsvReader.CheckHeader(lines.TryReadLine(out var header) ? Encoding.UTF8.GetString(header) : null);
        if (headerError is not null) return new(0, 0, 0, null, watch.Elapsed, headerError);

        var rejectPath = path + ".rechazados.csv";
        StreamWriter? rejects = null;
        long rows = 0, imported = 0, rejected = 0, position = lines.Position;
        var totalBytes = file.Length;
        var lastReport = TimeSpan.Zero;
        string? stage = null;
        void Report() => progress?.Invoke(new(rows, imported, rejected, position, totalBytes, watch.Elapsed, stage));

        await using RegistryWriter writer = database.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteRegistryWriter(database.ConnectionString),
            DatabaseProvider.Postgres => new PostgresRegistryWriter(database.ConnectionString, keepUniqueKeys),
            _ => new SqlServerRegistryWriter(database.ConnectionString),
        };
        await writer.BeginAsync(ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<RegistryBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var free = new ConcurrentQueue<RegistryBatch>();
        var reader = Task.Run(() => ReadAsync(lines, batches.Writer, free, stop.Token), stop.Token);
        try
        {
            // Synchronous writes: SQLite does no real asynchronous I/O, and a Task per row costs more than
            // the row itself at tens of thousands of rows a second. A batch takes well under ProgressInterval.
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
            {
                writer.Write(batch);
                var (importedBefore, rejectedBefore) = (imported, rejected);
                for (var r = 0; r < batch.Count; r++)
                {
                    rows++;
                    if (batch.Records[r].Error is not { } reason)
                    {
                        imported++;
                        continue;
                    }
                    rejected++;
                    rejects ??= OpenRejects(rejectPath);
                    rejects.WriteLine($"{batch.Records[r].LineNumber},\"{reason.Replace("\"", "\"\"")}\",\"{batch.Line(r).Replace("\"", "\"\"")}\"");
                }
                metrics?.RecordImportBatch(imported - importedBefore, rejected - rejectedBefore);
                position = batch.Position;
                free.Enqueue(batch);
                if (progress is not null && watch.Elapsed - lastReport > ProgressInterval)
                {
                    lastReport = watch.Elapsed;
                    Report();
                }
            }
            await reader;

            // The last steps (index rebuild on a first load) give no rows to count: keep reporting meanwhile.
            position = totalBytes;
            await using var ticker = progress is null ? null : new Timer(_ => Report(), null, ProgressInterval, ProgressInterval);
            await writer.CompleteAsync(s =>
            {
                stage = s;
                Report();
            }, ct);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
                // Stopped because the writer failed or the caller cancelled; that error is the one that matters.
            }
            if (rejects is not null) await rejects.DisposeAsync();
        }
        stage = null;
        Report();
        metrics?.RecordImportFinished(rows, watch.Elapsed);
        return new(rows, imported, rejected, rejected > 0 ? rejectPath : null, watch.Elapsed);
    }

    private static StreamWriter OpenRejects(string path)
    {
        var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        writer.WriteLine("linea,motivo,fila");
        return writer;
    }

    /// <summary>Reads and parses the file into batches on its own thread, recycling the batches the writer is done with.</summary>
    private static async Task ReadAsync(RegistryLineSource lines, ChannelWriter<RegistryBatch> output, ConcurrentQueue<RegistryBatch> free, CancellationToken ct)
    {
        try
        {
            var more = true;
            while (more)
            {
                ct.ThrowIfCancellationRequested();
                var batch = free.TryDequeue(out var recycled) ? recycled : new RegistryBatch(RowsPerBatch);
                batch.Clear();
                more = Fill(lines, batch);
                await output.WriteAsync(batch, ct);
            }
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
            throw;
        }
    }

    private static bool Fill(RegistryLineSource lines, RegistryBatch batch)
    {
        var more = true;
        while (!batch.IsFull)
        {
            if (!lines.TryReadLine(out var line))
            {
                more = false;
                break;
            }
            if (line.Length > 0) RegistryLineParser.Parse(line, lines.LineNumber, batch);
        }
        batch.Position = lines.Position;
        return more;
    }
}
