using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// Builds real generated clients from the documents the running app serves: the C# source that a
/// generator writes is compiled in memory (Roslyn) together with a scenario file of
/// <c>Conformance/</c>, as an integrator's project would be.
/// </summary>
public static class GeneratedClients
{
    /// <summary>NSwag's C# client for the OpenAPI document (System.Text.Json, nullable reference types).</summary>
    public static async Task<string> NSwagSourceAsync(string openApiJson)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(openApiJson);
        var settings = new CSharpClientGeneratorSettings { ClassName = "ClienteSegip", UseBaseUrl = true, InjectHttpClient = true, GenerateClientInterfaces = false };
        settings.CSharpGeneratorSettings.Namespace = "Generado";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        settings.CSharpGeneratorSettings.GenerateNullableReferenceTypes = true;
        // Optional properties as nullable: an unsent match flag must read null, not false.
        settings.CSharpGeneratorSettings.GenerateOptionalPropertiesAsNullable = true;
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    /// <summary>The scenario file shipped beside the tests (Conformance/*.cs, not compiled into the test project).</summary>
    public static string Scenario(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Conformance", name));

    /// <summary>Compiles the sources against the shared framework and loads the assembly; compile errors fail with their text.</summary>
    public static Assembly Compile(string assemblyName, params string[] sources) => Compile(assemblyName, OutputKind.DynamicallyLinkedLibrary, sources);

    public static Assembly Compile(string assemblyName, OutputKind kind, params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)).Append(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading.Tasks;", parse));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assemblyName + "-" + Guid.NewGuid().ToString("N"), trees, references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, $"{assemblyName} no compila:\n" +
            string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        return Assembly.Load(image.ToArray());
    }

    /// <summary>Runs <c>Escenario.RunAsync(baseUrl, credentials)</c> of a compiled scenario.</summary>
    public static Task RunScenarioAsync(Assembly assembly, string baseUrl, IReadOnlyDictionary<string, string> credentials) =>
        (Task)assembly.GetType("Escenario")!.GetMethod("RunAsync")!.Invoke(null, [baseUrl, credentials])!;
}
