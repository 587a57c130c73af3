using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Web-service operations (REST <c>/api/v1</c> and SOAP) authenticate each call with the institution's credential:
/// the cookie authentication and authorization middleware serve the pages only. WebApplication adds both at the head
/// of the whole pipeline unless the application says they are set, and then every REST and SOAP call ran the cookie
/// handlers (a sixth of a query's CPU went to the pipeline around it, docs/performance.md).
/// </summary>
[Trait("Category", "Integration")]
public class WebServicePipelineTests(WebServicePipelineTests.RecordingAppFactory app) : IClassFixture<WebServicePipelineTests.RecordingAppFactory>
{
    [Fact]
    public async Task Rest_and_soap_calls_do_not_run_the_cookie_authentication()
    {
        var rest = await app.QueryDocumentAsync();
        var soap = await app.SoapAsync("ConsultarDocumento", string.Format(SoapCalls.DocumentBody, "BD-001"));

        Assert.Equal(200, rest.Status);
        Assert.Equal(200, soap.Status);
        Assert.Null(soap.Fault);
        Assert.DoesNotContain(app.Authenticated, p => p.StartsWith("/api/v1", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(app.Authenticated, p => p.StartsWith("/soap", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Pages_still_authenticate_and_require_sign_in()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/consultas");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", response.Headers.Location!.PathAndQuery);
        Assert.Contains("/consultas", app.Authenticated);
    }

    /// <summary>The app with an authentication service that notes the path of every request it authenticates.</summary>
    public sealed class RecordingAppFactory : AppFactory
    {
        public ConcurrentQueue<string> Authenticated { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddScoped<IAuthenticationService>(sp =>
                new RecordingAuthenticationService(Authenticated, sp.GetRequiredService<IAuthenticationSchemeProvider>(),
                    sp.GetRequiredService<IAuthenticationHandlerProvider>(), sp.GetRequiredService<IClaimsTransformation>(),
                    sp.GetRequiredService<IOptions<AuthenticationOptions>>())));
        }
    }

    private sealed class RecordingAuthenticationService(ConcurrentQueue<string> paths, IAuthenticationSchemeProvider schemes,
        IAuthenticationHandlerProvider handlers, IClaimsTransformation transform, IOptions<AuthenticationOptions> options)
        : AuthenticationService(schemes, handlers, transform, options)
    {
        public override Task<AuthenticateResult> AuthenticateAsync(Microsoft.AspNetCore.Http.HttpContext context, string? scheme)
        {
            paths.Enqueue(context.Request.Path.Value ?? "");
            return base.AuthenticateAsync(context, scheme);
        }
    }
}
