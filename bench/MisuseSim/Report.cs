using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Bench.MisuseSim;

/// <summary>The simulator's result table (Markdown, ready for docs/performance.md).</summary>
public static class Report
{
    public static bool AllFound(IReadOnlyList<Injection> injections, IReadOnlyList<MisuseAlert> alerts) =>
        injections.All(i => alerts.Any(i.Matches));

    public static void Print(IReadOnlyList<Injection> injections, IReadOnlyList<MisuseAlert> alerts, long normal, long injected,
        int evaluated, double cpuMs, TimeSpan wall)
    {
        var falseAlerts = alerts.Where(a => !injections.Any(i => i.Touches(a))).ToList();
        Console.WriteLine($"Registros: {normal:N0} normales + {injected:N0} inyectados; el detector evaluó {evaluated:N0} en {wall.TotalSeconds:N1} s " +
            $"({cpuMs / Math.Max(1, evaluated) * 1000:N1} ms de CPU por 1 000 registros).");
        Console.WriteLine();
        Console.WriteLine("| regla | casos inyectados | encontrados | alertas falsas | falsas por 100 000 consultas normales |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var rule in Enum.GetValues<MisuseRule>())
        {
            var cases = injections.Where(i => i.Rule == rule).ToList();
            var found = cases.Count(i => alerts.Any(i.Matches));
            var wrong = falseAlerts.Count(a => a.Rule == rule);
            Console.WriteLine($"| {rule.ToCode()} | {cases.Count} | {found} | {wrong} | {wrong * 100_000.0 / Math.Max(1, normal):N2} |");
        }
        Console.WriteLine($"| total | {injections.Count} | {injections.Count(i => alerts.Any(i.Matches))} | {falseAlerts.Count} | {falseAlerts.Count * 100_000.0 / Math.Max(1, normal):N2} |");
        foreach (var missed in injections.Where(i => !alerts.Any(i.Matches)))
            Console.WriteLine($"NO ENCONTRADO: {missed}");
        foreach (var a in falseAlerts.Take(10))
            Console.WriteLine($"FALSA: {a.Rule.ToCode()} {a.Day:dd/MM/yyyy} {a.Explanation}");
    }
}
