// Ejemplo de cliente REST del servicio web del SEGIP (HttpClient, .NET 8 o superior).
// Uso: dotnet run -- http://localhost:5080   (instancia local con datos de demostración)
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://localhost:5080";
using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/api/v1/") };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
    Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-banco:Demo-Banco-2026")));
http.DefaultRequestHeaders.Add("X-Usuario-Final", "BD-001");
http.DefaultRequestHeaders.Add("X-Correlation-Id", "ejemplo-rest-1");
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

// 1. Consulta por documento: solo los campos del nivel de acceso del convenio.
var found = await Post<RespuestaDocumento>("consultas/documento",
    new { tipoDocumento = "CI", numeroDocumento = "1234567", finalidad = "Apertura de cuenta de ahorro" });
Console.WriteLine($"{found.Resultado}: {found.Persona?["nombres"]} {found.Persona?["primerApellido"]}, documento {found.Documento?["estado"]}");
Require(found.Resultado == "ENCONTRADO");

// 2. Una persona inexistente es una respuesta normal (200, NO_ENCONTRADO), registrada en la bitácora.
var missing = await Post<RespuestaDocumento>("consultas/documento",
    new { tipoDocumento = "CI", numeroDocumento = "9999999991", finalidad = "Apertura de cuenta de ahorro" });
Console.WriteLine($"{missing.Resultado} (consulta {missing.ConsultaId})");
Require(missing.Resultado == "NO_ENCONTRADO" && missing.Persona is null);

// 3. Contrastación: por cada dato enviado, si coincide.
var verification = await Post<RespuestaContrastacion>("consultas/contrastacion",
    new { tipoDocumento = "CI", numeroDocumento = "1234567", nombres = "Juan Carlos", fechaNacimiento = "1985-03-14", finalidad = "Verificación de cliente" });
Console.WriteLine("Coincidencias: " + string.Join(", ", verification.Coincidencias!.Select(c => $"{c.Key}={c.Value}")));
Require(verification.Coincidencias!["nombres"]);

// 4. Un rechazo: decida por el código estable, muestre el detalle en español.
using var refused = await http.PostAsJsonAsync("consultas/nombre",
    new { nombres = "Juan", primerApellido = "Perez", fechaNacimiento = "1985-03-14", finalidad = "Búsqueda de prueba" });
var problem = await refused.Content.ReadFromJsonAsync<Problema>(json);
Console.WriteLine($"{(int)refused.StatusCode} {problem!.Code}: {problem.Detail} (correlación {problem.CorrelationId})");
Require(problem.Code == "OPERACION_NO_PERMITIDA");

// 5. Cuota del mes.
var quota = await http.GetFromJsonAsync<Cuota>("cuota", json);
Console.WriteLine($"Cuota {quota!.Periodo}: usadas {quota.Usadas}, límite {(quota.LimiteMensual?.ToString() ?? "sin límite")}");
return 0;

async Task<T> Post<T>(string path, object body)
{
    using var response = await http.PostAsJsonAsync(path, body);
    if (!response.IsSuccessStatusCode)
    {
        var error = await response.Content.ReadFromJsonAsync<Problema>(json);
        throw new InvalidOperationException($"{(int)response.StatusCode} {error?.Code}: {error?.Detail}");
    }
    return (await response.Content.ReadFromJsonAsync<T>(json))!;
}

static void Require(bool condition)
{
    if (!condition) throw new InvalidOperationException("La respuesta no es la esperada con los datos de demostración.");
}

record RespuestaDocumento(Guid ConsultaId, string Resultado, Dictionary<string, JsonElement>? Persona, Dictionary<string, JsonElement>? Documento,
    List<string> CamposDevueltos, DateTimeOffset FechaHora);
record RespuestaContrastacion(Guid ConsultaId, string Resultado, string? EstadoDocumento, Dictionary<string, bool>? Coincidencias, DateTimeOffset FechaHora);
record Problema(string Code, string Detail, string CorrelationId, Guid? ConsultaId, Dictionary<string, string[]>? Errors);
record Cuota(int? LimiteMensual, int Usadas, int? Restantes, string Periodo);
