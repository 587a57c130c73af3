using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>Bodies too large or too slow are the caller's fault: 413/408 in the contract's terms, never a 500.</summary>
[Trait("Category", "Integration")]
public class RequestLimitTests(RequestLimitTests.Factory app) : IClassFixture<RequestLimitTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Limits:MaxRequestBodyKilobytes"] = "4",
            ["Limits:MinRequestBodyBytesPerSecond"] = "200",
            ["Limits:RequestBodyGraceSeconds"] = "2",
        };
    }

    private static string LargeJson => "{\"tipoDocumento\":\"CI\",\"numeroDocumento\":\"1234567\",\"finalidad\":\"" + new string('x', 10_000) + "\"}";

    [Fact]
    public async Task A_rest_body_over_the_limit_answers_413_problem_json_whether_its_length_is_declared_or_not()
    {
        var declared = await app.CallAsync(HttpMethod.Post, "/api/v1/consultas/documento", rawBody: LargeJson);

        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/consultas/documento")
        {
            // No Content-Length: chunked, so the limit is only hit while reading.
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(LargeJson))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("demo-banco:Demo-Banco-2026"u8.ToArray()));
        request.Headers.Add("X-Usuario-Final", "BD-001");
        request.Headers.TransferEncodingChunked = true;
        var chunkedResponse = await client.SendAsync(request);
        var chunked = new WebServiceAnswer(chunkedResponse, await chunkedResponse.Content.ReadAsStringAsync());

        foreach (var answer in new[] { declared, chunked })
        {
            Assert.Equal(413, answer.Status);
            Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("SOLICITUD_DEMASIADO_GRANDE", answer.Code);
            Assert.Contains("4 KB", (string?)answer.Json["detail"]);
        }
    }

    [Fact]
    public async Task A_soap_body_over_the_limit_is_a_fault_with_the_code()
    {
        using var client = app.Client();
        var envelope = $"<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>{new string(' ', 10_000)}</soap:Body></soap:Envelope>";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/soap/ConsultaService.asmx") { Content = new StringContent(envelope, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", "\"http://consulta.segip.gob.bo/servicio/v1/ConsultaService/ConsultarDocumento\"");

        var response = await client.SendAsync(request);

        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace svc = "http://consulta.segip.gob.bo/servicio/v1";
        Assert.Equal("SOLICITUD_DEMASIADO_GRANDE", xml.Descendants(svc + "codigo").Single().Value);
        Assert.EndsWith("Client.SOLICITUD_DEMASIADO_GRANDE", xml.Descendants("faultcode").Single().Value);
    }

    [Fact]
    public async Task A_body_sent_too_slowly_answers_408_problem_json()
    {
        var uri = new Uri(app.Start());
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var head = "POST /api/v1/consultas/documento HTTP/1.1\r\n" +
                   $"Host: {uri.Authority}\r\n" +
                   "Authorization: Basic " + Convert.ToBase64String("demo-banco:Demo-Banco-2026"u8.ToArray()) + "\r\n" +
                   "X-Usuario-Final: BD-001\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n{\"tipo";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        // Ten bytes a second for a body that must arrive at 200 bytes a second after a 2-second grace.
        var reading = ReadAnswerAsync(stream);
        for (var i = 0; i < 12 && !reading.IsCompleted; i++)
        {
            await Task.Delay(1000);
            try { await stream.WriteAsync("Documento"u8.ToArray()); } catch (IOException) { break; }
        }
        var answer = await reading.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.StartsWith("HTTP/1.1 408", answer);
        Assert.Contains("application/problem+json", answer);
        Assert.Contains("TIEMPO_DE_SOLICITUD_AGOTADO", answer);
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (text.ToString().Contains("}")) break;
        }
        return text.ToString();
    }

    [Fact]
    public async Task A_non_ascii_return_url_signs_in_and_lands_on_the_home_page()
    {
        using var client = app.Client();
        const string path = "/cuenta/ingresar?ReturnUrl=%2Fconsultas%2F%C3%B1and%C3%BA";
        var token = await FormLogin.AntiforgeryTokenAsync(client, path);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token,
            ["Input.Email"] = DemoAccounts.Auditor, ["Input.Password"] = DemoAccounts.Password,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", new Uri(new Uri(app.BaseUrl), response.Headers.Location!).PathAndQuery);
    }
}
