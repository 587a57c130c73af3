using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// A database for app processes started by a test (<see cref="AppInstance"/>): a SQLite file in a temporary
/// folder or a fresh database on the run's PostgreSQL server; dispose deletes it.
/// </summary>
public sealed class ProcessDatabase : IAsyncDisposable
{
    public Engine Engine { get; }
    public string Folder { get; }
    public string ConnectionString { get; }

    private ProcessDatabase(Engine engine, string folder, string connectionString)
    {
        Engine = engine;
        Folder = folder;
        ConnectionString = connectionString;
    }

    public static async Task<ProcessDatabase> CreateAsync(Engine engine)
    {
        var folder = Path.Combine(Path.GetTempPath(), "segip-tests", "proc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var cs = engine == Engine.Postgres ? await TestPostgres.CreateDatabaseAsync() : $"Data Source={Path.Combine(folder, "consulta.db")}";
        return new ProcessDatabase(engine, folder, cs);
    }

    /// <summary>The environment an app process needs to use this database (Development, demo data).</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__Provider"] = Engine == Engine.Postgres ? "Postgres" : "Sqlite",
        ["ConnectionStrings__Consulta"] = ConnectionString,
    };

    public ConsultaDbContext CreateContext()
    {
        var settings = new DatabaseSettings
        {
            Provider = Engine == Engine.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            ConnectionString = ConnectionString, DataFolder = Folder,
        };
        return new ConsultaDbContextFactory(settings, new AccessChangeSignal(), TimeProvider.System).CreateDbContext();
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Engine == Engine.Postgres) await TestPostgres.DropDatabaseAsync(ConnectionString);
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}

/// <summary>The web app as a separate process on 127.0.0.1, so a test can kill it (SIGKILL) or run two at once.</summary>
public sealed class AppInstance : IDisposable
{
    public int Port { get; }
    public Process Process { get; }

    private AppInstance(int port, Process process)
    {
        Port = port;
        Process = process;
    }

    public static AppInstance Start(ProcessDatabase database, int? port = null)
    {
        var p = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(AppProcess.WebDll)! };
        info.ArgumentList.Add(AppProcess.WebDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{p}");
        foreach (var (k, v) in database.Environment) info.Environment[k] = v;
        info.Environment["Seed__Persons"] = "200";
        info.Environment["Api__RateLimit__PermitLimit"] = "1000000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppInstance(p, process);
    }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{Port}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("La aplicación no quedó lista.");
    }

    public async Task KillAsync()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>
/// REST document queries from 16 concurrent workers against one app until stopped; <see cref="Answered"/> holds
/// the consultaId of every call that got a 2xx answer (calls cut off by a kill are not answered).
/// </summary>
public sealed class QueryLoad
{
    public ConcurrentBag<Guid> Answered { get; } = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] workers;

    public QueryLoad(int port, int workers = 16)
    {
        this.workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => RunAsync(port, w, workers))).ToArray();
    }

    private async Task RunAsync(int port, int worker, int workers)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("demo-banco:Demo-Banco-2026")));
        http.DefaultRequestHeaders.Add("X-Usuario-Final", "BD-001");
        var i = worker;
        while (!stop.IsCancellationRequested)
        {
            i += workers;
            var body = $"{{\"tipoDocumento\":\"CI\",\"numeroDocumento\":\"{2_000_000 + 7 * (i % 200)}\",\"finalidad\":\"Prueba de carga\"}}";
            try
            {
                using var response = await http.PostAsync("/api/v1/consultas/documento", new StringContent(body, Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode) continue;
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Answered.Add(json.RootElement.GetProperty("consultaId").GetGuid());
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
            catch (HttpRequestException)
            {
                // Refused connection (the app was killed): not answered.
            }
            catch (TaskCanceledException)
            {
                // Timed out: not answered.
            }
        }
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
    }
}
