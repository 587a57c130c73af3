using Microsoft.Data.Sqlite;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The executable as operators run it: the sandbox refuses to import a registry; a forwarded certificate header needs trusted proxies.</summary>
[Trait("Category", "Integration")]
public class SandboxCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "segip-tests", "sandbox-cli-" + Guid.NewGuid().ToString("N"));

    public SandboxCommandTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private Dictionary<string, string> Environment(string name) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = name,
        ["ConnectionStrings__Consulta"] = $"Data Source={Path.Combine(folder, "consulta.db")}",
        ["PublicBaseUrl"] = "http://127.0.0.1",
        ["Seed__Demo"] = "false",
    };

    [Fact]
    public async Task Import_registry_is_refused_in_the_sandbox()
    {
        var csv = Path.Combine(folder, "registro.csv");
        await File.WriteAllTextAsync(csv, "idPersona\n");
        var result = await AppProcess.RunAsync(Environment("Sandbox"), null, "import-registry", csv);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("En el entorno Sandbox no se importan registros", result.Errors + result.Output);
    }

    [Fact]
    public async Task A_forwarded_certificate_header_without_trusted_proxies_stops_the_start()
    {
        var settings = Environment("Development");
        settings["ClientCertificates__ForwardedHeader"] = "X-Certificado-Cliente";
        var result = await AppProcess.RunAsync(settings, null, "migrate");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ClientCertificates:TrustedProxies", result.Errors + result.Output);
    }
}
