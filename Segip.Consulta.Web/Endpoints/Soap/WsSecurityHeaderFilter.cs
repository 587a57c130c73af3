using System.ServiceModel.Channels;
using System.Xml.Linq;
using SoapCore.Extensibility;

namespace Segip.Consulta.Web.Endpoints.Soap;

/// <summary>
/// Reads the WS-Security <c>UsernameToken</c> (PasswordText) of an incoming SOAP message and keeps the
/// client id and secret for the operation, which authenticates them like REST does. Only reading
/// happens here so every refusal is raised inside the operation, as a fault with the contract's code.
/// </summary>
public sealed class WsSecurityHeaderFilter(IHttpContextAccessor accessor) : IAsyncMessageFilter
{
    private const string ItemKey = "segip.soapUsernameToken";
    private const string PasswordText = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    public Task OnRequestExecuting(Message message)
    {
        if (accessor.HttpContext is not { } http) return Task.CompletedTask;
        var index = message.Headers.FindHeader("Security", SoapNames.WsSecurity);
        if (index < 0) return Task.CompletedTask;
        using var reader = message.Headers.GetReaderAtHeader(index);
        var security = (XElement)XNode.ReadFrom(reader);
        XNamespace wsse = SoapNames.WsSecurity;
        var token = security.Element(wsse + "UsernameToken");
        var password = token?.Element(wsse + "Password");
        var type = password?.Attribute("Type")?.Value;
        // Only PasswordText: a digest would need the secret in clear on the server, which is never stored.
        if (token is null || password is null || (type is not null && type != PasswordText)) return Task.CompletedTask;
        http.Items[ItemKey] = (token.Element(wsse + "Username")?.Value.Trim(), password.Value);
        return Task.CompletedTask;
    }

    public Task OnResponseExecuting(Message message) => Task.CompletedTask;

    public static (string? ClientId, string? Secret) Credentials(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var v) && v is ValueTuple<string?, string?> t ? t : (null, null);
}
