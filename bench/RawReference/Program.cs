// Raw reference for the load harness: the same work as Segip.Consulta's REST query by document
// (look-up, projection onto the BASICO fields, SHA-256-chained audit append with group commit at
// synchronous=FULL), with nothing else, so results can be read as a fraction of this machine's limit.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var dbPath = builder.Configuration["db"] ?? throw new InvalidOperationException("--db PATH");
var connectionString = new SqliteConnectionStringBuilder { DataSource = dbPath, DefaultTimeout = 30 }.ToString();
var app = builder.Build();
var audit = new SqliteRawAuditWriter(connectionString);

app.MapPost("/api/v1/consultas/documento", async (HttpContext http) =>
{
    using var json = await JsonDocument.ParseAsync(http.Request.Body);
    var root = json.RootElement;
    var type = root.GetProperty("tipoDocumento").GetString()!;
    var number = root.GetProperty("numeroDocumento").GetString()!;
    var complement = root.TryGetProperty("complemento", out var c) ? c.GetString() ?? "" : "";

    Dictionary<string, object?>? persona = null;
    await using (var conn = new SqliteConnection(connectionString))
    {
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT p.FirstNames, p.FirstSurname, p.SecondSurname, p.MarriedSurname, d.Status, p.BirthDate " +
                          "FROM IdentityDocuments d JOIN Persons p ON p.Id = d.PersonId WHERE d.Number = $n AND d.Type = $t AND d.Complement = $c";
        cmd.Parameters.AddWithValue("$n", number);
        cmd.Parameters.AddWithValue("$t", type);
        cmd.Parameters.AddWithValue("$c", complement);
        await using var r = await cmd.ExecuteReaderAsync();
        if (await r.ReadAsync())
        {
            persona = new()
            {
                ["nombres"] = r.GetString(0), ["primerApellido"] = r.IsDBNull(1) ? null : r.GetString(1),
                ["segundoApellido"] = r.IsDBNull(2) ? null : r.GetString(2), ["apellidoCasada"] = r.IsDBNull(3) ? null : r.GetString(3),
                ["estadoDocumento"] = r.GetString(4), ["fechaNacimiento"] = r.GetString(5),
            };
        }
    }
    var result = persona is null ? "NO_ENCONTRADO" : "ENCONTRADO";
    var (seq, id) = await audit.AppendAsync($"{type} {number}{(complement.Length > 0 ? "-" + complement : "")}", result,
        persona is null ? "" : "nombres,primerApellido,segundoApellido,apellidoCasada,estadoDocumento,fechaNacimiento");
    return Results.Json(new { consultaId = id, resultado = result, persona, secuencia = seq });
});
app.MapGet("/audit-count", () => audit.Count());
app.Run();

sealed class SqliteRawAuditWriter
{
    private readonly Channel<(string Keys, string Result, string Fields, TaskCompletionSource<(long, Guid)> Done)> queue =
        Channel.CreateUnbounded<(string, string, string, TaskCompletionSource<(long, Guid)>)>(new() { SingleReader = true });
    private readonly SqliteConnection conn;

    public SqliteRawAuditWriter(string connectionString)
    {
        conn = new SqliteConnection(connectionString);
        conn.Open();
        using var setup = conn.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " +
            "CREATE TABLE IF NOT EXISTS RawAudit (Seq INTEGER PRIMARY KEY, Id TEXT, Ts TEXT, Keys TEXT, Result TEXT, Fields TEXT, Hash BLOB)";
        setup.ExecuteNonQuery();
        _ = Task.Run(WriteLoop);
    }

    public Task<(long, Guid)> AppendAsync(string keys, string result, string fields)
    {
        var done = new TaskCompletionSource<(long, Guid)>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Writer.TryWrite((keys, result, fields, done));
        return done.Task;
    }

    public long Count()
    {
        using var c = new SqliteConnection(conn.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM RawAudit";
        return (long)cmd.ExecuteScalar()!;
    }

    private async Task WriteLoop()
    {
        var batch = new List<(string Keys, string Result, string Fields, TaskCompletionSource<(long, Guid)> Done)>();
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 1024 && queue.Reader.TryRead(out var item)) batch.Add(item);
            using var tx = conn.BeginTransaction();
            long seq = 0;
            byte[] prev = new byte[32];
            using (var tail = conn.CreateCommand())
            {
                tail.Transaction = tx;
                tail.CommandText = "SELECT Seq, Hash FROM RawAudit ORDER BY Seq DESC LIMIT 1";
                using var r = tail.ExecuteReader();
                if (r.Read()) { seq = r.GetInt64(0); prev = (byte[])r.GetValue(1); }
            }
            using var insert = conn.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO RawAudit (Seq, Id, Ts, Keys, Result, Fields, Hash) VALUES ($s, $i, $ts, $k, $r, $f, $h)";
            var ps = new[] { "$s", "$i", "$ts", "$k", "$r", "$f", "$h" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            ps[0].SqliteType = SqliteType.Integer; ps[6].SqliteType = SqliteType.Blob;
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
                ps[0].Value = seq; ps[1].Value = id.ToString(); ps[2].Value = now.ToString("O"); ps[3].Value = batch[i].Keys;
                ps[4].Value = batch[i].Result; ps[5].Value = batch[i].Fields; ps[6].Value = prev;
                insert.ExecuteNonQuery();
                results[i] = (seq, id);
            }
            tx.Commit();
            for (var i = 0; i < batch.Count; i++) batch[i].Done.SetResult(results[i]);
        }
    }
}
