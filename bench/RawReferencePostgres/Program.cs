// Raw reference for `PROVIDER=postgres bash bench/run.sh`: the same work as Segip.Consulta's REST query by document
// on PostgreSQL (look-up with a statement prepared once per connection, projection onto the BASICO fields,
// SHA-256-chained audit append with group commit under an advisory lock at synchronous_commit=on), with nothing
// else, so the app's results can be read as a fraction of this machine's limit.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration["pg"] ?? throw new InvalidOperationException("--pg CONNECTION_STRING");
var app = builder.Build();
var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
var audit = new PostgresRawAuditWriter(dataSource);

app.MapPost("/api/v1/consultas/documento", async (HttpContext http) =>
{
    using var json = await JsonDocument.ParseAsync(http.Request.Body);
    var root = json.RootElement;
    var type = root.GetProperty("tipoDocumento").GetString()!;
    var number = root.GetProperty("numeroDocumento").GetString()!;
    var complement = root.TryGetProperty("complemento", out var c) ? c.GetString() ?? "" : "";

    Dictionary<string, object?>? persona = null;
    await using (var conn = await dataSource.OpenConnectionAsync())
    {
        // Npgsql keeps a prepared statement with its pooled physical connection: parsed and planned once.
        await using var cmd = new NpgsqlCommand(
            "SELECT p.\"FirstNames\", p.\"FirstSurname\", p.\"SecondSurname\", p.\"MarriedSurname\", d.\"Status\", p.\"BirthDate\" " +
            "FROM \"IdentityDocuments\" d JOIN \"Persons\" p ON p.\"Id\" = d.\"PersonId\" WHERE d.\"Number\" = $1 AND d.\"Type\" = $2 AND d.\"Complement\" = $3", conn);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = number });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = type });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = complement });
        await cmd.PrepareAsync();
        await using var r = await cmd.ExecuteReaderAsync();
        if (await r.ReadAsync())
        {
            persona = new()
            {
                ["nombres"] = r.GetString(0), ["primerApellido"] = r.IsDBNull(1) ? null : r.GetString(1),
                ["segundoApellido"] = r.IsDBNull(2) ? null : r.GetString(2), ["apellidoCasada"] = r.IsDBNull(3) ? null : r.GetString(3),
                ["estadoDocumento"] = r.GetString(4), ["fechaNacimiento"] = r.GetFieldValue<DateOnly>(5).ToString("yyyy-MM-dd"),
            };
        }
    }
    var result = persona is null ? "NO_ENCONTRADO" : "ENCONTRADO";
    var (seq, id) = await audit.AppendAsync($"{type} {number}{(complement.Length > 0 ? "-" + complement : "")}", result,
        persona is null ? "" : "nombres,primerApellido,segundoApellido,apellidoCasada,estadoDocumento,fechaNacimiento");
    return Results.Json(new { consultaId = id, resultado = result, persona, secuencia = seq });
});
app.MapGet("/audit-count", async () =>
{
    await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM raw_audit");
    return (long)(await cmd.ExecuteScalarAsync())!;
});
app.Run();

sealed class PostgresRawAuditWriter
{
    private readonly Channel<(string Keys, string Result, string Fields, TaskCompletionSource<(long, Guid)> Done)> queue =
        Channel.CreateUnbounded<(string, string, string, TaskCompletionSource<(long, Guid)>)>(new() { SingleReader = true });
    private readonly NpgsqlConnection conn;

    public PostgresRawAuditWriter(NpgsqlDataSource dataSource)
    {
        conn = dataSource.OpenConnection();
        using var setup = new NpgsqlCommand("SET synchronous_commit = on; " +
            "CREATE TABLE IF NOT EXISTS raw_audit (seq bigint PRIMARY KEY, id uuid, ts timestamptz, keys text, result text, fields text, hash bytea)", conn);
        setup.ExecuteNonQuery();
        _ = Task.Run(WriteLoop);
    }

    public Task<(long, Guid)> AppendAsync(string keys, string result, string fields)
    {
        var done = new TaskCompletionSource<(long, Guid)>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Writer.TryWrite((keys, result, fields, done));
        return done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<(string Keys, string Result, string Fields, TaskCompletionSource<(long, Guid)> Done)>();
        await using var insert = new NpgsqlCommand("INSERT INTO raw_audit (seq, id, ts, keys, result, fields, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)", conn);
        foreach (var t in new[] { NpgsqlDbType.Bigint, NpgsqlDbType.Uuid, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bytea })
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = t });
        await insert.PrepareAsync();
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 1024 && queue.Reader.TryRead(out var item)) batch.Add(item);
            await using var tx = await conn.BeginTransactionAsync();
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(42)", conn, tx)) await lockCmd.ExecuteNonQueryAsync();
            long seq = 0;
            byte[] prev = new byte[32];
            await using (var tail = new NpgsqlCommand("SELECT seq, hash FROM raw_audit ORDER BY seq DESC LIMIT 1", conn, tx))
            await using (var r = await tail.ExecuteReaderAsync())
            {
                if (await r.ReadAsync()) { seq = r.GetInt64(0); prev = (byte[])r.GetValue(1); }
            }
            insert.Transaction = tx;
            var results = new (long, Guid)[batch.Count];
            var now = DateTime.UtcNow;
            for (var i = 0; i < batch.Count; i++)
            {
                var id = Guid.NewGuid();
                seq++;
                var canonical = Encoding.UTF8.GetBytes($"{seq}|{id:N}|{now.Ticks}|{batch[i].Keys}|{batch[i].Result}|{batch[i].Fields}");
                var buffer = new byte[32 + canonical.Length];
                prev.CopyTo(buffer, 0);
                canonical.CopyTo(buffer, 32);
                prev = SHA256.HashData(buffer);
                var p = insert.Parameters;
                p[0].Value = seq; p[1].Value = id; p[2].Value = now; p[3].Value = batch[i].Keys;
                p[4].Value = batch[i].Result; p[5].Value = batch[i].Fields; p[6].Value = prev;
                await insert.ExecuteNonQueryAsync();
                results[i] = (seq, id);
            }
            await tx.CommitAsync();
            for (var i = 0; i < batch.Count; i++) batch[i].Done.SetResult(results[i]);
        }
    }
}
