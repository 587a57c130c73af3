using System.Diagnostics;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Runs the built web executable as an operator would (<c>dotnet Segip.Consulta.Web.dll …</c>).</summary>
public static class AppProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string WebDll
    {
        get
        {
            var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar); // …/Segip.Consulta.Tests/bin/<Configuration>/net10.0
            var configuration = new DirectoryInfo(testBin).Parent!.Name;
            var root = new DirectoryInfo(testBin);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Segip.Consulta.sln"))) root = root.Parent;
            return Path.Combine(root!.FullName, "Segip.Consulta.Web", "bin", configuration, "net10.0", "Segip.Consulta.Web.dll");
        }
    }

    public static async Task<Result> RunAsync(IDictionary<string, string> environment, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
        };
        info.ArgumentList.Add(WebDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
