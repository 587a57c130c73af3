using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The app with single sign-on pointed at a running <see cref="TestIdentityProvider"/>.</summary>
public class SsoAppFactory(string authority) : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Oidc:Authority"] = authority,
        ["Authentication:Oidc:ClientId"] = TestIdentityProvider.ClientId,
        ["Authentication:Oidc:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
        ["Authentication:Oidc:RoleMap:segip-juridico"] = Roles.Legal,
        ["Authentication:Oidc:RoleMap:segip-auditor"] = Roles.Auditor,
        // Mapped, but an institution role: the provider must never grant it.
        ["Authentication:Oidc:RoleMap:segip-institucion"] = Roles.InstitutionAdmin,
    };
}

/// <summary>The test identity provider, the app signed on to it, and a browser.</summary>
public sealed class SsoBrowserFixture : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; private set; } = default!;
    public SsoAppFactory App { get; private set; } = default!;
    public BrowserFixture Browser { get; } = new();
    public string BaseUrl => App.BaseUrl;

    public async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        App = new SsoAppFactory(Provider.Authority);
        Provider.ClientBaseUrl = App.Start();
        // Fetch the provider's metadata and keys once before the browser starts: on a loaded machine the
        // first, cold fetch inside a browser click can outlast the 20 s navigation timeout.
        var oidc = App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcOptions.Scheme);
        await oidc.ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
        await Browser.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
