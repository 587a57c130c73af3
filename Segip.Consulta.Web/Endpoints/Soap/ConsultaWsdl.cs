using System.Security;
using System.Text;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// The hand-written WSDL (<c>ConsultaService.wsdl</c>, embedded), read once per process and served from
/// memory; only the endpoint address is filled in per request, from the host the caller used.
/// </summary>
public static class ConsultaWsdl
{
    private const string AddressMark = "{{ADDRESS}}";
    private static readonly Lazy<(byte[] Before, byte[] After)> Parts = new(Load);

    /// <summary>The WSDL text with the address mark, as shipped (tests validate its schema).</summary>
    public static string Template()
    {
        using var stream = typeof(ConsultaWsdl).Assembly.GetManifestResourceStream("Segip.Consulta.Web.Endpoints.Soap.ConsultaService.wsdl")
            ?? throw new InvalidOperationException("Falta el recurso ConsultaService.wsdl.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary><c>?wsdl</c>, in any case (clients send <c>?WSDL</c> too).</summary>
    public static bool IsRequested(HttpRequest request) =>
        request.Query.Keys.Any(k => string.Equals(k, "wsdl", StringComparison.OrdinalIgnoreCase));

    public static async Task WriteAsync(HttpContext http)
    {
        var request = http.Request;
        var address = SecurityElement.Escape($"{request.Scheme}://{request.Host}{request.PathBase}{SoapNames.Path}");
        http.Response.ContentType = SoapNames.ContentType;
        var (before, after) = Parts.Value;
        await http.Response.Body.WriteAsync(before, http.RequestAborted);
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(address), http.RequestAborted);
        await http.Response.Body.WriteAsync(after, http.RequestAborted);
    }

    private static (byte[], byte[]) Load()
    {
        var text = Template();
        var at = text.IndexOf(AddressMark, StringComparison.Ordinal);
        return (Encoding.UTF8.GetBytes(text[..at]), Encoding.UTF8.GetBytes(text[(at + AddressMark.Length)..]));
    }
}
