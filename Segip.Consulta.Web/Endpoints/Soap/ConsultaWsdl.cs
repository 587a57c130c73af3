using System.Security;
using System.Text;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// The hand-written WSDL (<c>ConsultaService.wsdl</c>, embedded), read once per process and served from
/// memory with an ETag; the endpoint address in it is the one the caller used, so the finished document is
/// kept per address (a few: one per public name of the service).
/// </summary>
public static class ConsultaWsdl
{
    private const string AddressMark = "{{ADDRESS}}";
    // Host is the caller's to choose: past this many addresses a document is built per request and not kept.
    private const int MaxAddresses = 16;
    private static readonly Lazy<(byte[] Before, byte[] After)> Parts = new(Load);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedDocument> ByAddress = new(StringComparer.Ordinal);

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

    public static Task WriteAsync(HttpContext http)
    {
        var request = http.Request;
        var address = $"{request.Scheme}://{request.Host}{request.PathBase}{SoapNames.Path}";
        if (!ByAddress.TryGetValue(address, out var document))
        {
            document = Build(address);
            if (ByAddress.Count < MaxAddresses) document = ByAddress.GetOrAdd(address, document);
        }
        return document.WriteAsync(http);
    }

    private static CachedDocument Build(string address)
    {
        var (before, after) = Parts.Value;
        var escaped = Encoding.UTF8.GetBytes(SecurityElement.Escape(address));
        return new CachedDocument([.. before, .. escaped, .. after], SoapNames.ContentType);
    }

    private static (byte[], byte[]) Load()
    {
        var text = Template();
        var at = text.IndexOf(AddressMark, StringComparison.Ordinal);
        return (Encoding.UTF8.GetBytes(text[..at]), Encoding.UTF8.GetBytes(text[(at + AddressMark.Length)..]));
    }
}
