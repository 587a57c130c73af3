using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// The app is killed with SIGKILL in the middle of a load: every call answered before the kill must
/// have its audit record, and the chain must verify after the restart (bench/run.sh --crash does the
/// same at scale).
/// </summary>
[Trait("Category", "Integration")]
public class CrashSafetyTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "segip-tests", "crash-" + Guid.NewGuid().ToString("N"));
    private string DatabasePath => Path.Combine(folder, "consulta.db");

    public CrashSafetyTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Every_call_answered_before_a_kill_has_its_audit_record_and_the_chain_verifies()
    {
        var port = FreePort();
        var app = StartApp(port);
        try
        {
            await WaitReadyAsync(port);
            var answered = new ConcurrentBag<Guid>();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("demo-banco:Demo-Banco-2026")));
            http.DefaultRequestHeaders.Add("X-Usuario-Final", "BD-001");

            using var stopLoad = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                var i = w;
                while (!stopLoad.IsCancellationRequested)
                {
                    i += 16;
                    var body = $"{{\"tipoDocumento\":\"CI\",\"numeroDocumento\":\"{2_000_000 + 7 * (i % 200)}\",\"finalidad\":\"Prueba de caída\"}}";
                    try
                    {
                        using var response = await http.PostAsync("/api/v1/consultas/documento", new StringContent(body, Encoding.UTF8, "application/json"));
                        if (!response.IsSuccessStatusCode) continue;
                        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        answered.Add(json.RootElement.GetProperty("consultaId").GetGuid());
                    }
                    catch (Exception) when (stopLoad.IsCancellationRequested || app.HasExited)
                    {
                        // Calls cut off by the kill are not answered; the log may or may not hold them.
                    }
                    catch (HttpRequestException) { }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.NotEmpty(answered);
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            stopLoad.Cancel();
            await Task.WhenAll(workers);

            // The app starts again on the same database after the crash.
            app = StartApp(port);
            await WaitReadyAsync(port);
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();

            var settings = new DatabaseSettings { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={DatabasePath}", DataFolder = folder };
            var factory = new ConsultaDbContextFactory(settings, new AccessChangeSignal(), TimeProvider.System);
            await using var db = factory.CreateDbContext();
            var recorded = db.AuditRecords.Select(r => r.ConsultaId).ToHashSet();
            var missing = answered.Where(id => !recorded.Contains(id)).ToList();
            Assert.Empty(missing);
            Assert.True(recorded.Count >= answered.Count);

            var verify = await AppProcess.RunAsync(new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Consulta"] = $"Data Source={DatabasePath}",
            }, null, "verify-audit");
            Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
        }
    }

    private Process StartApp(int port)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(AppProcess.WebDll)! };
        info.ArgumentList.Add(AppProcess.WebDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Consulta"] = $"Data Source={DatabasePath}";
        info.Environment["Seed__Persons"] = "200";
        info.Environment["Api__RateLimit__PermitLimit"] = "1000000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("La aplicación no quedó lista.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
