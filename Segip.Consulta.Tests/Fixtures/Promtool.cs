using System.Diagnostics;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Debian's <c>promtool</c> (package <c>prometheus</c>, installed by scripts/test.sh): Prometheus's own checker.</summary>
public static class Promtool
{
    /// <summary>Runs <c>promtool check …</c>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> CheckAsync(string what, string? file = null, string? stdin = null)
    {
        var info = new ProcessStartInfo("promtool")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null,
        };
        info.ArgumentList.Add("check");
        info.ArgumentList.Add(what);
        if (file is not null) info.ArgumentList.Add(file);
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
