using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>The app with Ciudadanía Digital pointed at a running <see cref="TestIdentityProvider"/> (its citizen users).</summary>
public class CitizenAppFactory(string authority) : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Ciudadania:Authority"] = authority,
        ["Authentication:Ciudadania:ClientId"] = TestIdentityProvider.ClientId,
        ["Authentication:Ciudadania:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["Authentication:Ciudadania:RequireHttpsMetadata"] = "false",
    };
}

/// <summary>The test identity provider, the app with citizen sign-in on it, and a browser.</summary>
public sealed class CitizenBrowserFixture : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; private set; } = default!;
    public CitizenAppFactory App { get; private set; } = default!;
    public BrowserFixture Browser { get; } = new();
    public string BaseUrl => App.BaseUrl;

    public async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        App = new CitizenAppFactory(Provider.Authority);
        Provider.ClientBaseUrl = App.Start();
        // The provider's metadata and keys, fetched once before the browser (a cold fetch inside a click can be slow).
        var oidc = App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(CitizenOptions.Scheme);
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
