namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The integration samples of docs/integracion/ejemplos, which the tests run as integrators would.</summary>
internal static class Samples
{
    public static string Folder => RepositoryRoot.Combine("docs", "integracion", "ejemplos");
}

/// <summary>Runs a Python script with Debian's python3 (a client in another language than the server's).</summary>
internal static class PythonScript
{
    public static Task<ExternalProgram.Result> RunAsync(string script, string[] args, string? input = null)
        => ExternalProgram.RunAsync("/usr/bin/python3", [script, .. args], input);
}
