using System.Diagnostics;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The integration samples of docs/integracion/ejemplos, which the tests run as integrators would.</summary>
internal static class Samples
{
    public static string Folder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Segip.Consulta.sln"))) folder = folder.Parent;
            return Path.Combine(folder!.FullName, "docs", "integracion", "ejemplos");
        }
    }
}

/// <summary>Runs a Python script with Debian's python3 (a client in another language than the server's).</summary>
internal static class PythonScript
{
    public sealed record Run(int ExitCode, string Output, string Errors)
    {
        /// <summary>For assertion messages: what the script printed.</summary>
        public override string ToString() => $"{Output}\n{Errors}";
    }

    public static async Task<Run> RunAsync(string script, string[] args, string? input = null)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script, .. args])
        {
            RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var python = Process.Start(start)!;
        if (input is not null)
        {
            await python.StandardInput.WriteAsync(input);
            python.StandardInput.Close();
        }
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        return new Run(python.ExitCode, await output, errors);
    }
}
