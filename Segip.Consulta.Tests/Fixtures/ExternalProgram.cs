using System.Diagnostics;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// Runs a program the tests check against (python3, promtool, pdfsig, xmlsec1, xmllint, the app's own command line) and
/// returns its exit code and what it printed. A program still running after its limit is killed with its children and
/// the test fails saying so: a stuck tool fails one test instead of hanging the whole suite.
/// </summary>
public static class ExternalProgram
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        /// <summary>For assertion messages: everything the program printed.</summary>
        public override string ToString() => $"{Output}\n{Errors}";
    }

    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? input = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? limit = null)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"No se pudo ejecutar {program}.");
        // Both outputs are read before any input is written, so a program that prints a lot cannot block on a full pipe.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();

        var allowed = limit ?? DefaultLimit;
        using var timeout = new CancellationTokenSource(allowed);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} no terminó en {allowed.TotalSeconds:0} s y se detuvo.\n{await output}\n{await errors}");
        }
        return new Result(process.ExitCode, await output, await errors);
    }
}
