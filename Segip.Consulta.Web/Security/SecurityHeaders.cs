using System.Security.Cryptography;

namespace Segip.Consulta.Web.Security;

/// <summary>
/// Response headers that limit what a page may load and who may frame it. The policy is what Blazor
/// Server and MudBlazor need: scripts and styles from this origin only (MudBlazor sets inline styles),
/// the circuit's WebSocket to this host, data: images for photos and icons. Forms post only here, or to
/// the single sign-on provider (the sign-in and sign-out posts redirect to it, which form-action governs).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The per-response nonce that lets the page's one inline script (Blazor's import map) run.</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;

    private const string WebServicePolicy = "default-src 'none'; frame-ancestors 'none'";

    public static string ContentSecurityPolicy(string host, string? providerOrigin, string nonce, bool inlineScripts = false) =>
        "default-src 'self'; " +
        (inlineScripts ? "script-src 'self' 'unsafe-inline'; " : $"script-src 'self' 'nonce-{nonce}'; ") +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        $"connect-src 'self' ws://{host} wss://{host}; " +
        "frame-ancestors 'none'; " +
        $"form-action 'self'{(providerOrigin is null ? "" : " " + providerOrigin)}; " +
        "base-uri 'self'; " +
        "object-src 'none'";

    /// <param name="providerAuthorities">The staff sign-on provider and Ciudadanía Digital, when configured.</param>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, params string?[] providerAuthorities)
    {
        var origins = providerAuthorities.Select(a => Uri.TryCreate(a, UriKind.Absolute, out var authority) ? authority.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>().Distinct().ToList();
        var providerOrigin = origins.Count == 0 ? null : string.Join(' ', origins);
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            context.Response.OnStarting(() =>
            {
                // Query answers, certificates, audit exports and pages hold personal or audit data: no browser,
                // proxy or shared cache may keep them. Static files set their own caching and keep it.
                if (!headers.ContainsKey("Cache-Control")) headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            if (Endpoints.WebServiceRequests.IsWebService(context))
            {
                // JSON and XML for institutions' systems: nothing in them may load or run anything.
                headers.ContentSecurityPolicy = WebServicePolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return next(context);
            }
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // The API reference page (Scalar, served from this app) boots with an inline module script it
            // writes itself; it shows no personal data and has no session, so only there inline scripts run.
            var reference = context.Request.Path.StartsWithSegments(Endpoints.Api.ApiDocumentation.ReferencePath);
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request.Host.Value ?? "localhost", providerOrigin, nonce, reference);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return next(context);
        });
    }
}
