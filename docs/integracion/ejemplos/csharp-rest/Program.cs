// Ejemplo de cliente REST del servicio web del SEGIP (HttpClient, .NET 9 o superior).
// Uso: dotnet run -- http://localhost:5080   (instancia local con datos de demostración)
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://localhost:5080";
using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/api/v1/") };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
    Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-banco:Demo-Banco-2026")));
http.DefaultRequestHeaders.Add("X-Usuario-Final", "BD-001");
http.DefaultRequestHeaders.Add("X-Correlation-Id", "ejemplo-rest-1");
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

// 0. Certificados de firma del SEGIP (actual y anteriores), por huella (kid). Guárdelos: verifican respuestas viejas.
using var keys = JsonDocument.Parse(await http.GetStringAsync("claves"));
var certificates = keys.RootElement.GetProperty("keys").EnumerateArray().ToDictionary(
    k => k.GetProperty("kid").GetString()!,
    k => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(k.GetProperty("x5c")[0].GetString()!)));

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
var problem = JsonSerializer.Deserialize<Problema>(await SignedBody(refused), json);
Console.WriteLine($"{(int)refused.StatusCode} {problem!.Code}: {problem.Detail} (correlación {problem.CorrelationId})");
Require(problem.Code == "OPERACION_NO_PERMITIDA");

// 5. Cuota del mes.
using var quotaAnswer = await http.GetAsync("cuota");
var quota = JsonSerializer.Deserialize<Cuota>(await SignedBody(quotaAnswer), json);
Console.WriteLine($"Cuota {quota!.Periodo}: usadas {quota.Usadas}, límite {(quota.LimiteMensual?.ToString() ?? "sin límite")}");
Console.WriteLine("Todas las respuestas llevaban una firma válida del SEGIP.");
return 0;

async Task<T> Post<T>(string path, object body)
{
    using var response = await http.PostAsJsonAsync(path, body);
    var bytes = await SignedBody(response);
    if (!response.IsSuccessStatusCode)
    {
        var error = JsonSerializer.Deserialize<Problema>(bytes, json);
        throw new InvalidOperationException($"{(int)response.StatusCode} {error?.Code}: {error?.Detail}");
    }
    return JsonSerializer.Deserialize<T>(bytes, json)!;
}

// Firma del SEGIP: JWS separado con carga sin codificar (RFC 7515 + RFC 7797) sobre los bytes exactos del cuerpo.
// Se firma ASCII(cabecera) + "." + cuerpo; verifique ANTES de interpretar el JSON y guarde cuerpo y firma como prueba.
async Task<byte[]> SignedBody(HttpResponseMessage response)
{
    var bytes = await response.Content.ReadAsByteArrayAsync();
    var parts = response.Headers.GetValues("X-Firma-JWS").Single().Split('.');
    using var header = JsonDocument.Parse(Base64Url(parts[0]));
    var h = header.RootElement;
    if (parts[1].Length != 0 || h.GetProperty("b64").GetBoolean() || h.GetProperty("crit")[0].GetString() != "b64")
        throw new InvalidOperationException("Firma con formato inesperado.");
    if (!certificates.TryGetValue(h.GetProperty("kid").GetString()!, out var certificate))
        throw new InvalidOperationException("Firma con una clave que el SEGIP no publica.");
    var input = Encoding.ASCII.GetBytes(parts[0] + ".").Concat(bytes).ToArray();
    var signature = Base64Url(parts[2]);
    var valid = h.GetProperty("alg").GetString() switch
    {
        "RS256" => certificate.GetRSAPublicKey()!.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "ES256" => certificate.GetECDsaPublicKey()!.VerifyData(input, signature, HashAlgorithmName.SHA256),
        _ => false,
    };
    if (!valid) throw new InvalidOperationException("La firma del SEGIP no corresponde a la respuesta recibida.");
    return bytes;
}

static byte[] Base64Url(string text) =>
    Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));

static void Require(bool condition)
{
    if (!condition) throw new InvalidOperationException("La respuesta no es la esperada con los datos de demostración.");
}

record RespuestaDocumento(Guid ConsultaId, string Resultado, Dictionary<string, JsonElement>? Persona, Dictionary<string, JsonElement>? Documento,
    List<string> CamposDevueltos, DateTimeOffset FechaHora);
record RespuestaContrastacion(Guid ConsultaId, string Resultado, string? EstadoDocumento, Dictionary<string, bool>? Coincidencias, DateTimeOffset FechaHora);
record Problema(string Code, string Detail, string CorrelationId, Guid? ConsultaId, Dictionary<string, string[]>? Errors);
record Cuota(int? LimiteMensual, int Usadas, int? Restantes, string Periodo);
