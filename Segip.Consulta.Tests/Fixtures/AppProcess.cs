using System.Diagnostics;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Runs the built web executable as an operator would (<c>dotnet Segip.Consulta.Web.dll …</c>).</summary>
public static class AppProcess
{
    public static string WebDll
    {
        get
        {
            var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar); // …/Segip.Consulta.Tests/bin/<Configuration>/net10.0
            var configuration = new DirectoryInfo(testBin).Parent!.Name;
            return RepositoryRoot.Combine("Segip.Consulta.Web", "bin", configuration, "net10.0", "Segip.Consulta.Web.dll");
        }
    }

    public static Task<ExternalProgram.Result> RunAsync(IDictionary<string, string> environment, string? stdin, params string[] args)
        => ExternalProgram.RunAsync("dotnet", [WebDll, .. args], stdin is null ? null : stdin + "\n", environment, Path.GetDirectoryName(WebDll),
            limit: TimeSpan.FromMinutes(5)); // a registry import on a loaded 2-core machine can pass 2 minutes
}
