using System.Diagnostics;
using System.Text.Json;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The restricted app with a rate limit a client reaches quickly yet high enough for all the scenarios.</summary>
public sealed class ConformanceAppFactory : RestrictedAppFactory
{
    public new const int PermitLimit = 30;

    protected override int Limit => PermitLimit;
}

/// <summary>
/// Clients generated from the documents the running app serves (never from copies) run every operation,
/// NO_ENCONTRADO, every refusal code, field errors, the certificate and the end-user operations, and must
/// read every value as the server meant it (the scenarios in Conformance/ throw otherwise).
/// </summary>
[Trait("Category", "Integration")]
public class GeneratedClientTests(ConformanceAppFactory app) : IClassFixture<ConformanceAppFactory>
{
    /// <summary>Fresh institutions for the refusals that need their own agreement or credential.</summary>
    private async Task<Dictionary<string, string>> CredentialsAsync()
    {
        var bank = await app.NewInstitutionAsync();
        var webOnly = await app.NewInstitutionAsync(channels: Channels.Web);
        var ip = await app.NewInstitutionAsync(credentialIps: "10.20.0.0/16");
        var quota = await app.NewInstitutionAsync(quota: 1);
        var limited = await app.NewInstitutionAsync();
        return new()
        {
            ["bankId"] = bank.ClientId, ["bankSecret"] = bank.Secret,
            ["webOnlyId"] = webOnly.ClientId, ["webOnlySecret"] = webOnly.Secret,
            ["ipId"] = ip.ClientId, ["ipSecret"] = ip.Secret,
            ["quotaId"] = quota.ClientId, ["quotaSecret"] = quota.Secret,
            ["limitedId"] = limited.ClientId, ["limitedSecret"] = limited.Secret,
            ["permitLimit"] = ConformanceAppFactory.PermitLimit.ToString(),
        };
    }

    [Fact]
    public async Task NSwag_client_generated_from_the_served_openapi_reads_every_answer_and_error()
    {
        using var http = app.Client();
        var source = await GeneratedClients.NSwagSourceAsync(await http.GetStringAsync("/openapi/v1.json"));
        var assembly = GeneratedClients.Compile("ClienteRest", source, GeneratedClients.Scenario("RestClientScenario.cs"));
        await GeneratedClients.RunScenarioAsync(assembly, app.Start(), await CredentialsAsync());
    }

    [Fact]
    public async Task XmlSerializer_proxy_generated_from_the_served_wsdl_reads_every_answer_and_fault()
    {
        using var http = app.Client();
        var wsdl = System.Xml.Linq.XDocument.Parse(await http.GetStringAsync("/soap/ConsultaService.asmx?wsdl"));
        var assembly = GeneratedClients.Compile("ClienteSoap", WsdlProxyGenerator.Generate(wsdl, "Proxy"), GeneratedClients.Scenario("SoapClientScenario.cs"));
        await GeneratedClients.RunScenarioAsync(assembly, app.Start(), await CredentialsAsync());
    }

    [Fact]
    public async Task Python_zeep_client_built_from_the_served_wsdl_reads_every_answer_and_fault()
    {
        var credentials = await CredentialsAsync();
        var run = await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Conformance", "zeep_client.py"),
            [app.Start() + "/soap/ConsultaService.asmx?wsdl"], JsonSerializer.Serialize(credentials));
        Assert.True(run.ExitCode == 0, $"zeep: {run}");
        Assert.Contains("escenario completo", run.Output);
    }

    /// <summary>docs/integracion/ejemplos: the samples integrators copy must keep working against the app.</summary>
    [Theory]
    [InlineData("csharp-rest")]
    [InlineData("csharp-soap")]
    public async Task CSharp_integration_sample_runs_against_the_app(string sample)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(Samples.Folder, sample, "Program.cs"));
        var assembly = GeneratedClients.Compile(sample, Microsoft.CodeAnalysis.OutputKind.ConsoleApplication, source);
        var baseUrl = app.Start();
        var exitCode = await Task.Run(() => assembly.EntryPoint!.Invoke(null, [new[] { baseUrl }]));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Python_integration_sample_runs_against_the_app()
    {
        var run = await PythonScript.RunAsync(Path.Combine(Samples.Folder, "python-zeep", "consulta.py"), [app.Start()]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("USUARIO_FINAL_NO_HABILITADO", run.Output);
    }
}
