using System.Text.Json;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>What the logs say about web-service calls, and what they must never say: who was looked up.</summary>
[Trait("Category", "Integration")]
public class StructuredLogTests(LogCaptureAppFactory app) : IClassFixture<LogCaptureAppFactory>
{
    [Fact]
    public async Task Every_entry_of_a_web_service_call_carries_its_correlation_id_and_institution()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync(credentialIps: "10.9.9.9");
        var institutionId = await app.InstitutionIdOfClientAsync(clientId);
        var correlation = "log-" + Guid.NewGuid().ToString("N")[..12];

        // Refused for its address before any operation: the app logs it (no audit record for a non-query call).
        var answer = await app.CallAsync(HttpMethod.Get, "/api/v1/cuota", clientId, secret, correlationId: correlation);
        Assert.Equal(403, answer.Status);

        var entries = app.Logs.Entries.Where(e => Equals(e.ScopeValue("CorrelationId"), correlation)).ToList();
        Assert.NotEmpty(entries);
        var refusal = Assert.Single(entries, e => e.Message.Contains("IP_NO_PERMITIDA"));
        Assert.Equal(institutionId, refusal.ScopeValue("InstitutionId"));
        Assert.Equal(clientId, refusal.ScopeValue("ClientId"));
    }

    [Fact]
    public async Task A_run_of_queries_logs_no_name_or_document_number_of_the_persons_asked_about()
    {
        // Every channel and outcome: found, not found, by name, verification, SOAP, invalid input, unreadable JSON.
        await app.QueryDocumentAsync("1234567");
        await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento",
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", complemento = "1A", finalidad = WebServiceClient.Purpose });
        await app.QueryDocumentAsync("9876543");
        await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/nombre",
            body: new { nombres = "JUAN CARLOS", primerApellido = "PEREZ", segundoApellido = "MAMANI", fechaNacimiento = "1985-03-14", finalidad = WebServiceClient.Purpose });
        await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/contrastacion",
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567", nombres = "ROBERTO", primerApellido = "GUTIÉRREZ", finalidad = WebServiceClient.Purpose });
        await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento",
            body: new { tipoDocumento = "CI", numeroDocumento = "1234567XYZ99", finalidad = WebServiceClient.Purpose });
        await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento",
            rawBody: "{\"tipoDocumento\": \"CI\", \"numeroDocumento\": 1234567, \"finalidad\": \"MARÍA ELENA PEREZ QUISPE\"");
        var soap = await app.SoapAsync("ConsultarDocumento", string.Format(SoapCalls.DocumentBody, "BD-001"));
        Assert.Equal(200, soap.Status);
        await app.Get<QueryGate>().ExecuteAsync(
            new QueryCaller { Channel = Channel.Web, InstitutionId = await app.InstitutionIdAsync(DemoAccounts.BankName), EndUserCode = "BD-001" },
            new QueryRequest { Type = QueryType.Document, DocumentType = "CI", DocumentNumber = "1234567", Purpose = WebServiceClient.Purpose });

        // The capture sees the requests themselves (ASP.NET Core's entries), not only the app's own messages.
        Assert.Contains(app.Logs.Entries, e => e.AllText.Contains("/api/v1/consultas/nombre", StringComparison.Ordinal));
        var forbidden = DemoPersons.Create().SelectMany(p => new[] { p.FirstNames, p.FirstSurname, p.SecondSurname, p.MarriedSurname }
                .Concat(p.Documents.Select(d => d.Number)))
            .Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
        Assert.Contains("1234567", forbidden);
        var leaks = app.Logs.Entries
            .SelectMany(e => forbidden.Where(f => e.AllText.Contains(f!, StringComparison.OrdinalIgnoreCase)).Select(f => $"{f} en {e.Category}: {e.Message}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public async Task The_console_writes_json_when_the_setting_says_so()
    {
        var folder = Path.Combine(Path.GetTempPath(), "segip-tests", "json-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var run = await AppProcess.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Consulta"] = $"Data Source={Path.Combine(folder, "consulta.db")}",
            ["Seed__Demo"] = "false",
            ["Logging__Console__FormatterName"] = "json",
        }, null, "migrate");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{')).ToList();
        var migration = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Single(j => j.GetProperty("Category").GetString() == "Segip.Consulta.Core.Data.DatabaseInitializer");
        Assert.Equal("Information", migration.GetProperty("LogLevel").GetString());
        Assert.StartsWith("Aplicando", migration.GetProperty("Message").GetString());
        Assert.True(migration.GetProperty("State").TryGetProperty("Count", out _));
    }
}
