namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Debian's <c>promtool</c> (package <c>prometheus</c>, installed by scripts/test.sh): Prometheus's own checker.</summary>
public static class Promtool
{
    /// <summary>Runs <c>promtool check …</c>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> CheckAsync(string what, string? file = null, string? stdin = null)
    {
        var result = await ExternalProgram.RunAsync("promtool", file is null ? ["check", what] : ["check", what, file], stdin);
        return (result.ExitCode, result.Output + result.Errors);
    }
}
