using System.Globalization;
using System.Net;
using System.Text;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The app with the Prometheus endpoint switched on (only for this machine, the default operator network).</summary>
public sealed class MetricsAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus:Enabled"] = "true",
        // A collector address on this machine where nothing listens: export is configured, nothing leaves it.
        ["Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:9",
        ["Telemetry:Otlp:Protocol"] = "http",
    };
}

/// <summary>Traces are created only when a collector is configured (here the metrics app's loopback one).</summary>
[Trait("Category", "Integration")]
public class TracingSettingsTests(MetricsAppFactory app) : IClassFixture<MetricsAppFactory>
{
    [Fact]
    public void Traces_exist_only_when_an_otlp_collector_is_configured()
    {
        Assert.NotNull(app.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
        using var plain = new AppFactory();
        Assert.Null(plain.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
    }
}

/// <summary>The same, but with the operator network elsewhere: this machine is not in it.</summary>
public sealed class ForeignOperatorNetworkAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus:Enabled"] = "true",
        ["Telemetry:OperatorNetworks"] = "10.20.0.0/16",
    };
}

/// <summary>
/// OpenTelemetry subscribes to meters by name, process-wide: a test server shut down elsewhere while these tests
/// read /metrics would end the series they look for (both servers' instruments feed the same stream). So these
/// tests run on their own, with no other test server starting or stopping meanwhile.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary><c>/metrics</c>: served where the operator allows, moves with traffic, and Prometheus accepts it.</summary>
[Trait("Category", "Integration")]
[Collection(nameof(MetricsCollection))]
public class MetricsEndpointTests(MetricsAppFactory app) : IClassFixture<MetricsAppFactory>
{
    private async Task<string> ScrapeAsync()
    {
        using var client = app.Client();
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Sum of a series over all its label sets (0 when absent).</summary>
    private static double Sum(string exposition, string series, string? labelFilter = null) => exposition.Split('\n')
        .Where(l => l.StartsWith(series + "{", StringComparison.Ordinal) || l.StartsWith(series + " ", StringComparison.Ordinal))
        .Where(l => labelFilter is null || l.Contains(labelFilter, StringComparison.Ordinal))
        .Select(l => l.Split(' ')[1])
        .Sum(v => double.Parse(v, CultureInfo.InvariantCulture));

    /// <summary>The exporter caches a scrape briefly: read until the series has moved past the value before.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> moved)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await ScrapeAsync();
            if (moved(text) || DateTime.UtcNow > deadline) return text;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Domain_series_move_after_a_query()
    {
        app.Start();
        var bank = await app.InstitutionIdAsync(Core.Data.Seed.DemoAccounts.BankName);
        var label = $"institution=\"{bank}\"";
        var before = await ScrapeAsync();
        var found = Sum(before, "segip_consulta_queries_total", "result=\"ENCONTRADO\"");
        var refused = Sum(before, "segip_consulta_queries_total", "refusal_reason=\"USUARIO_FINAL_NO_HABILITADO\"");
        var timed = Sum(before, "segip_consulta_gate_duration_seconds_count", label);

        Assert.Equal(200, (await app.QueryDocumentAsync()).Status);
        Assert.Equal(403, (await app.QueryDocumentAsync(endUser: "NO-EXISTE")).Status);

        var after = await ScrapeUntilAsync(t => Sum(t, "segip_consulta_gate_duration_seconds_count", label) >= timed + 2);
        Assert.True(Sum(after, "segip_consulta_queries_total", "result=\"ENCONTRADO\"") >= found + 1, "consultas encontradas");
        Assert.True(Sum(after, "segip_consulta_queries_total", "refusal_reason=\"USUARIO_FINAL_NO_HABILITADO\"") >= refused + 1, "denegaciones por motivo");
        Assert.True(Sum(after, "segip_consulta_gate_duration_seconds_count", label) >= timed + 2, "tiempo de la compuerta por institución");
        Assert.True(Sum(after, "segip_consulta_audit_batch_size_count") > 0, "lotes de la bitácora");
        Assert.True(Sum(after, "segip_consulta_audit_wait_duration_seconds_count") >= 2, "espera de cada consulta por su registro");
        Assert.Contains("segip_consulta_audit_queue_depth", after);
        // The platform's own instruments come along: ASP.NET Core requests with their route, and the runtime.
        Assert.Contains("http_route=\"/api/v1/consultas/documento\"", after);
        Assert.Contains("dotnet_gc_collections_total", after);
    }

    [Fact]
    public async Task Soap_requests_carry_their_route()
    {
        using var client = app.Client();
        using var content = new StringContent("<x/>", Encoding.UTF8, "text/xml");
        await client.PostAsync("/soap/ConsultaService.asmx", content);
        var text = await ScrapeUntilAsync(t => t.Contains("http_route=\"/soap/ConsultaService.asmx\"", StringComparison.Ordinal));
        Assert.Contains("http_route=\"/soap/ConsultaService.asmx\"", text);
    }

    [Fact]
    public async Task Every_service_series_the_alert_rules_and_dashboard_use_is_exported()
    {
        // Traffic that moves every series: a query, its certificate and a signed checkpoint.
        var query = await app.QueryDocumentAsync();
        var certificate = await app.CallAsync(HttpMethod.Get, $"/api/v1/consultas/{(string)query.Json["consultaId"]!}/certificado");
        Assert.Equal(200, certificate.Status);
        await app.Get<Core.Features.Audit.AuditCheckpointService>().CreateAsync();
        var text = await ScrapeUntilAsync(t => t.Contains("segip_consulta_certificates_issued_total", StringComparison.Ordinal)
            && t.Contains("segip_consulta_audit_checkpoint_age_seconds", StringComparison.Ordinal));

        var used = OperatorDocumentation.ServiceSeries()
            // Import rows come from the import command, pushed by OTLP; the running app never imports.
            .Where(s => !s.StartsWith("segip_consulta_registry_import", StringComparison.Ordinal)).ToList();
        Assert.Contains("segip_consulta_audit_queue_depth", used);
        var missing = used.Where(s => !System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?m)^{s}(_bucket|_sum|_count)?[{{ ]")).ToList();
        Assert.True(missing.Count == 0, "No exportadas: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task A_real_scrape_passes_promtool()
    {
        await app.QueryDocumentAsync();
        // The query is counted when its audit record commits, and a scrape may be served from the exporter's cache.
        var text = await ScrapeUntilAsync(t => t.Contains("segip_consulta_queries_total", StringComparison.Ordinal));
        var (exitCode, output) = await Promtool.CheckAsync("metrics", stdin: text);
        // 0: clean; 3: parsed fine but naming advice. The advice may only concern names the platform fixes
        // (.NET runtime and EF Core semantic conventions, docs/operacion/metricas.md), never the service's own.
        Assert.True(exitCode is 0 or 3, output);
        Assert.DoesNotContain("segip_", output);
        Assert.Contains("segip_consulta_queries_total", text);
    }
}

[Trait("Category", "Integration")]
public class MetricsAccessTests(ForeignOperatorNetworkAppFactory app) : IClassFixture<ForeignOperatorNetworkAppFactory>
{
    [Fact]
    public async Task Metrics_are_not_served_outside_the_operator_network()
    {
        using var client = app.Client();
        using var response = await client.GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("segip_consulta", await response.Content.ReadAsStringAsync());
    }
}
