using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>
/// Checks a REST answer against the OpenAPI document the running app serves: the status must be declared
/// for the operation, the content type too, and a JSON body must validate against its schema (JSON Schema
/// 2020-12, formats asserted). <see cref="WebServiceClient.CallAsync"/> runs it on every answer of the tests.
/// </summary>
public static class OpenApiConformance
{
    private static readonly ConditionalWeakTable<AppFactory, Document> Documents = new();

    public static async Task AssertConformsAsync(AppFactory app, HttpMethod method, string path, HttpResponseMessage response, string body)
    {
        var document = await DocumentAsync(app);
        var route = path.Split('?')[0];
        var template = document.Templates.FirstOrDefault(t => t.Pattern.IsMatch(route));
        // Paths that are not operations (the API's 404 for unknown routes) are not described.
        if (template is null || document.Json["paths"]![template.Path]![method.Method.ToLowerInvariant()] is not JsonObject operation) return;

        var status = ((int)response.StatusCode).ToString();
        var declared = operation["responses"]![status];
        Assert.True(declared is not null, $"{method} {template.Path} respondió {status}, que el documento OpenAPI no declara.");
        Assert.True(response.Headers.Contains("X-Correlation-Id"), "Falta la cabecera X-Correlation-Id declarada.");
        if (declared!["headers"]?["Retry-After"] is not null)
            Assert.True(response.Headers.RetryAfter is not null, $"{status} sin la cabecera Retry-After declarada.");

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length == 0 && declared["content"] is null) return;
        var media = mediaType is null ? null : declared["content"]?[mediaType];
        Assert.True(media is not null, $"{method} {template.Path} {status} respondió {mediaType}, que el documento no declara.");
        if (mediaType!.EndsWith("json", StringComparison.Ordinal))
        {
            var schema = document.SchemaFor($"{template.Path} {method} {status} {mediaType}", media!["schema"]!);
            using var instance = JsonDocument.Parse(body);
            var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            Assert.True(result.IsValid, $"La respuesta {status} de {method} {template.Path} no cumple el esquema publicado:\n" +
                string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))) +
                "\n" + body);
        }
    }

    public static async Task<JsonObject> JsonAsync(AppFactory app) => (await DocumentAsync(app)).Json;

    private static async Task<Document> DocumentAsync(AppFactory app)
    {
        if (Documents.TryGetValue(app, out var cached)) return cached;
        using var client = app.Client();
        var document = new Document(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject());
        Documents.AddOrUpdate(app, document);
        return document;
    }

    private sealed record Template(string Path, Regex Pattern);

    private sealed class Document(JsonObject json)
    {
        private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
        public JsonObject Json { get; } = json;

        public IReadOnlyList<Template> Templates { get; } = [.. json["paths"]!.AsObject().Select(p => new Template(p.Key,
            new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$")))];

        /// <summary>The response schema as a standalone JSON Schema: the components become its $defs.</summary>
        public JsonSchema SchemaFor(string key, JsonNode schema) => schemas.GetOrAdd(key, _ =>
        {
            var root = schema.DeepClone().AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = Json["components"]!["schemas"]!.DeepClone();
            var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/");
            return JsonSchema.FromText(text, baseUri: new Uri($"https://segip.test/openapi/{Guid.NewGuid():N}"));
        });
    }
}
