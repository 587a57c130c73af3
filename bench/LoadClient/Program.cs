// Load client for bench/run.sh.
//   closed --url U --connections N --seconds S [--persons P] [--ids FILE]   as many queries as N connections can send
//   open   --url U --rate R --seconds S [--persons P] [--ids FILE]          R queries/s on schedule (latency from the scheduled time);
//                                                                           SIGTERM ends the schedule early and still prints the summary
//   check  --db PATH --ids FILE                                             every answered consultaId has its audit record
// Queries pick documents of the synthetic registry (CI 2000000 + 7·i) at random; credentials are the demo ones.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

var mode = args.Length > 0 ? args[0] : "";
string Arg(string name, string? fallback = null)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"falta {name}");
}

if (mode == "check") return Check(Arg("--db"), Arg("--ids"));
if (mode is not ("closed" or "open"))
{
    Console.Error.WriteLine("uso: closed|open|check …");
    return 2;
}

var url = Arg("--url").TrimEnd('/') + Arg("--path", "/api/v1/consultas/documento");
var seconds = double.Parse(Arg("--seconds", "10"), System.Globalization.CultureInfo.InvariantCulture);
var persons = int.Parse(Arg("--persons", "20000"));
var idsPath = Arg("--ids", "");
var connections = int.Parse(Arg("--connections", "64"));
var rate = double.Parse(Arg("--rate", "1000"), System.Globalization.CultureInfo.InvariantCulture);

var handler = new SocketsHttpHandler { MaxConnectionsPerServer = mode == "closed" ? connections : 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(Arg("--credential", "demo-banco:Demo-Banco-2026"))));
http.DefaultRequestHeaders.Add("X-Usuario-Final", Arg("--end-user", "BD-001"));

var latencies = new List<double>[mode == "closed" ? connections : 1];
for (var i = 0; i < latencies.Length; i++) latencies[i] = new List<double>(100_000);
long ok = 0, refused = 0, errors = 0;
var ids = new System.Collections.Concurrent.ConcurrentQueue<string>();
var stop = Stopwatch.StartNew();
var deadline = TimeSpan.FromSeconds(seconds);

async Task<double> SendOne(int i, long scheduledTicks)
{
    var body = $"{{\"tipoDocumento\":\"CI\",\"numeroDocumento\":\"{2_000_000L + 7L * i}\",\"finalidad\":\"Prueba de carga del arnés\"}}";
    try
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = (Stopwatch.GetTimestamp() - scheduledTicks) * 1000.0 / Stopwatch.Frequency;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Interlocked.Increment(ref ok);
            if (idsPath.Length > 0)
            {
                using var doc = JsonDocument.Parse(text);
                ids.Enqueue(doc.RootElement.GetProperty("consultaId").ToString());
            }
        }
        else Interlocked.Increment(ref refused);
        return elapsed;
    }
    catch (Exception)
    {
        Interlocked.Increment(ref errors);
        return -1;
    }
}

if (mode == "closed")
{
    var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
    {
        var rng = new Random(w);
        while (stop.Elapsed < deadline)
        {
            var ms = await SendOne(rng.Next(persons), Stopwatch.GetTimestamp());
            if (ms >= 0) latencies[w].Add(ms);
        }
    })).ToArray();
    await Task.WhenAll(workers);
}
else
{
    // Open loop: requests leave on a fixed schedule whatever the server does, so a slow answer
    // cannot hide the queueing it causes (no coordinated omission). The schedule runs on its own
    // thread that sleeps between sends (spinning would take a core from the server under test);
    // a send that leaves late counts its lateness in its latency.
    var rng = new Random(1);
    var pending = new List<Task<double>>();
    // bench/run.sh runs this as background load for as long as another measurement lasts, then sends SIGTERM.
    var stopRequested = false;
    using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        Volatile.Write(ref stopRequested, true);
    });
    var interval = Stopwatch.Frequency / rate;
    var dispatcher = new Thread(() =>
    {
        var start = Stopwatch.GetTimestamp();
        for (long n = 0; ; n++)
        {
            var scheduled = start + (long)(n * interval);
            if ((scheduled - start) / (double)Stopwatch.Frequency >= seconds || Volatile.Read(ref stopRequested)) break;
            while (Stopwatch.GetTimestamp() < scheduled) Thread.Sleep(1);
            var i = rng.Next(persons);
            pending.Add(Task.Run(() => SendOne(i, scheduled)));
        }
    });
    dispatcher.Start();
    dispatcher.Join();
    foreach (var ms in await Task.WhenAll(pending)) if (ms >= 0) latencies[0].Add(ms);
}

var elapsedSeconds = stop.Elapsed.TotalSeconds;
var all = latencies.SelectMany(l => l).Order().ToArray();
double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
if (idsPath.Length > 0) await File.WriteAllLinesAsync(idsPath, ids);
var summary = new
{
    mode, ok, refused, errors, seconds = Math.Round(elapsedSeconds, 2),
    throughput = Math.Round(ok / Math.Min(elapsedSeconds, seconds), 0),
    p50 = Math.Round(P(0.50), 2), p90 = Math.Round(P(0.90), 2), p99 = Math.Round(P(0.99), 2), max = Math.Round(all.Length == 0 ? 0 : all[^1], 2),
};
Console.WriteLine(JsonSerializer.Serialize(summary));
return 0;

static int Check(string db, string idsFile)
{
    var ids = File.ReadAllLines(idsFile).Where(l => l.Length > 0).Select(l => Guid.Parse(l).ToString().ToUpperInvariant()).ToList();
    using var conn = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
    conn.Open();
    using var cmd = conn.CreateCommand();
    cmd.CommandText = "SELECT 1 FROM AuditRecords WHERE ConsultaId = $id";
    var p = cmd.Parameters.Add("$id", SqliteType.Text);
    var missing = 0;
    foreach (var id in ids)
    {
        p.Value = id;
        if (cmd.ExecuteScalar() is null) missing++;
    }
    Console.WriteLine(JsonSerializer.Serialize(new { answered = ids.Count, missing }));
    return missing == 0 ? 0 : 1;
}
