namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The checkout the tests run from (the folder of Segip.Consulta.sln): docs, samples and sources they read.</summary>
public static class RepositoryRoot
{
    public static string Folder { get; } = Find();

    public static string Combine(params string[] parts) => Path.Combine([Folder, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Segip.Consulta.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"No Segip.Consulta.sln above {AppContext.BaseDirectory}.");
    }
}
