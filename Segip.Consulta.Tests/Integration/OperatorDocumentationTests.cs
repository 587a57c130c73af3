using System.Text.Json;
using System.Text.RegularExpressions;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>docs/operacion/: the files an operator loads into Prometheus and Grafana.</summary>
public static partial class OperatorDocumentation
{
    public static string Folder => RepositoryRoot.Combine("docs", "operacion");

    public static string Rules => Path.Combine(Folder, "alertas.yml");
    public static string Dashboard => Path.Combine(Folder, "grafana-dashboard.json");

    /// <summary>The service's own series the rules and the dashboard query, as exported (histograms without _bucket/_sum/_count).</summary>
    public static IReadOnlyList<string> ServiceSeries() =>
        SeriesName().Matches(File.ReadAllText(Rules) + File.ReadAllText(Dashboard))
            .Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", ""))
            .Distinct().Order().ToList();

    [GeneratedRegex(@"segip_consulta_[a-z_]+")]
    private static partial Regex SeriesName();
}

[Trait("Category", "Integration")]
public class OperatorDocumentationTests
{
    [Fact]
    public async Task The_alert_rules_pass_promtool()
    {
        var (exitCode, output) = await Promtool.CheckAsync("rules", OperatorDocumentation.Rules);
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public void The_dashboard_is_grafana_json_whose_panels_all_query_prometheus()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(OperatorDocumentation.Dashboard));
        var panels = json.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 10);
        Assert.All(panels, p => Assert.Contains(p.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Fact]
    public void The_readme_links_the_operator_documentation()
    {
        var readme = File.ReadAllText(Path.Combine(OperatorDocumentation.Folder, "..", "..", "README.md"));
        Assert.Contains("docs/operacion/README.md", readme);
        Assert.True(File.Exists(Path.Combine(OperatorDocumentation.Folder, "README.md")));
        Assert.True(File.Exists(Path.Combine(OperatorDocumentation.Folder, "metricas.md")));
    }
}
