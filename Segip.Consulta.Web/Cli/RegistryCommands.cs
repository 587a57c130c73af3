using System.Globalization;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Features.Registry;

namespace Segip.Consulta.Web.Cli;

/// <summary><c>generate-registry --persons N --out FILE</c> and <c>import-registry FILE</c>.</summary>
public static class RegistryCommands
{
    public static async Task<int> GenerateAsync(string[] args)
    {
        var persons = Option(args, "--persons");
        var output = Option(args, "--out");
        if (persons is null || output is null || !int.TryParse(persons, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            return Fail("Uso: generate-registry --persons N --out ARCHIVO (N entero positivo).");
        var seedText = Option(args, "--seed");
        var seed = int.TryParse(seedText, out var s) ? s : 591;

        var started = DateTime.UtcNow;
        var rows = await RegistryCsvWriter.WriteAsync(RegistryGenerator.Generate(count, seed), output);
        Console.WriteLine($"Registro sintético escrito: {count:N0} personas, {rows:N0} documentos en {output} ({(DateTime.UtcNow - started).TotalSeconds:N1} s).");
        return 0;
    }

    public static async Task<int> ImportAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--")) return Fail("Uso: import-registry ARCHIVO");
        // The sandbox never holds registry data from outside: its persons are the generated ones (Seed:Persons).
        if (services.GetRequiredService<Core.Features.Sandbox.DeploymentMode>().IsSandbox)
            return Fail("En el entorno Sandbox no se importan registros: usa solo el registro sintético que genera al arrancar (Seed:Persons).");
        var path = Path.GetFullPath(args[1]);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();

        var interactive = !Console.IsErrorRedirected;
        var result = await services.GetRequiredService<RegistryImporter>().ImportAsync(path, p =>
        {
            var line = ProgressLine(p);
            if (interactive) Console.Error.Write("\r" + FitLine(line, TerminalColumns()));
            else Console.Error.WriteLine(line);
        });
        if (interactive) Console.Error.WriteLine();
        if (result.FatalError is not null) return Fail(result.FatalError);

        Console.WriteLine($"Importación terminada: {result.Rows:N0} filas, {result.Imported:N0} importadas, {result.Rejected:N0} rechazadas, " +
                          $"{result.Elapsed.TotalSeconds:N1} s ({result.Rows / Math.Max(0.001, result.Elapsed.TotalSeconds):N0} filas/s).");
        if (result.RejectReportPath is not null) Console.WriteLine($"Filas rechazadas y sus motivos: {result.RejectReportPath}");
        return 0;
    }

    /// <summary>"[██████░░░░] 61%  1.234.567 filas  85.432 filas/s  ETA 00:01:10".</summary>
    /// <summary>
    /// The progress line cut and padded to one column less than the terminal, so "\r" redraws it in place:
    /// a line as wide as the terminal or wider wraps, and each update then scrolls.
    /// </summary>
    public static string FitLine(string line, int columns)
    {
        var width = Math.Max(10, columns - 1);
        return line.Length > width ? line[..width] : line.PadRight(width);
    }

    private static int TerminalColumns()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : 80; }
        catch (IOException) { return 80; }
    }

    public static string ProgressLine(ImportProgress p)
    {
        const int width = 30;
        var filled = (int)Math.Round(p.Fraction * width);
        var eta = p.Eta is { } e ? e.ToString(@"hh\:mm\:ss") : "--:--:--";
        var es = CultureInfo.GetCultureInfo("es-BO");
        return $"[{new string('█', filled)}{new string('░', width - filled)}] {p.Fraction,4:P0}  {p.Rows.ToString("N0", es)} filas  " +
               $"{p.RowsPerSecond.ToString("N0", es)} filas/s  rechazadas {p.Rejected.ToString("N0", es)}  " +
               (p.Stage is null ? $"ETA {eta}" : p.Stage);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
