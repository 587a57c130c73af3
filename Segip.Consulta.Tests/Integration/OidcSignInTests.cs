using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// What the app does with an identity the provider asserted: provisioning, role synchronisation and
/// refusals. The provider is not contacted here (the browser journeys do that).
/// </summary>
[Trait("Category", "Integration")]
public class OidcSignInTests : IClassFixture<OidcSignInTests.Factory>
{
    public sealed class Factory() : SsoAppFactory("http://127.0.0.1:9/");

    private readonly Factory app;

    public OidcSignInTests(Factory app)
    {
        this.app = app;
        app.Start();
    }

    [Fact]
    public async Task First_sign_in_provisions_an_external_account_with_only_the_mapped_staff_roles()
    {
        var (refusal, setCookie) = await SignInAsync("sub-legal-1", "legal1@segip.test", "segip-juridico", "segip-institucion", "otro-rol");

        Assert.Null(refusal);
        Assert.Contains("segip.consulta=", setCookie);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByLoginAsync(OidcOptions.Scheme, "sub-legal-1");
        Assert.NotNull(user);
        Assert.True(user.IsExternal);
        Assert.Equal("legal1@segip.test", user.Email);
        Assert.Equal([Roles.Legal], await users.GetRolesAsync(user));
        Assert.False(await users.HasPasswordAsync(user));
        var actions = await TestAccounts.SignInHistoryAsync(app, user.Id);
        Assert.Contains(SignInActions.SsoProvisioned, actions);
        Assert.Contains(SignInActions.SsoSucceeded, actions);
    }

    [Fact]
    public async Task Roles_follow_the_provider_at_every_sign_in()
    {
        Assert.Null((await SignInAsync("sub-moves", "moves@segip.test", "segip-juridico")).Refusal);
        Assert.Null((await SignInAsync("sub-moves", "moves@segip.test", "segip-auditor")).Refusal);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByLoginAsync(OidcOptions.Scheme, "sub-moves"))!;
        Assert.Equal([Roles.Auditor], await users.GetRolesAsync(user));
        Assert.Contains(SignInActions.RolesSynchronised, await TestAccounts.SignInHistoryAsync(app, user.Id));

        // The provider withdraws every role: the account keeps none and is refused.
        Assert.Equal(OidcRefusals.NoRole, (await SignInAsync("sub-moves", "moves@segip.test")).Refusal);
        Assert.Empty(await users.GetRolesAsync(user));
    }

    [Fact]
    public async Task A_user_without_a_mapped_role_is_refused_and_not_provisioned()
    {
        var (refusal, setCookie) = await SignInAsync("sub-nobody", "nobody@segip.test", "segip-institucion");

        Assert.Equal(OidcRefusals.NoRole, refusal);
        Assert.DoesNotContain("segip.consulta=", setCookie);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Null(await users.FindByLoginAsync(OidcOptions.Scheme, "sub-nobody"));
        Assert.Null(await users.FindByEmailAsync("nobody@segip.test"));
    }

    [Fact]
    public async Task The_provider_cannot_take_over_a_local_account_with_the_same_email()
    {
        var (refusal, _) = await SignInAsync("sub-intruder", DemoAccounts.Admin, "segip-juridico");

        Assert.Equal(OidcRefusals.Conflict, refusal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = (await users.FindByEmailAsync(DemoAccounts.Admin))!;
        Assert.Empty(await users.GetLoginsAsync(admin));
        Assert.Equal([Roles.SegipAdmin], await users.GetRolesAsync(admin));
    }

    [Fact]
    public async Task The_login_page_offers_the_institutional_button_and_explains_a_refusal()
    {
        using var client = app.Client();
        var page = await FormLogin.ReadPageAsync(await client.GetAsync("/cuenta/ingresar?error=" + OidcRefusals.NoRole));

        Assert.Contains("Ingresar con cuenta institucional", page);
        Assert.Contains("action=\"/cuenta/ingresar-institucional\"", page);
        Assert.Contains(OidcRefusals.Message(OidcRefusals.NoRole)!, page);
    }

    private async Task<(string? Refusal, string SetCookie)> SignInAsync(string subject, string email, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>().Context = http;
        var claims = new List<Claim> { new("sub", subject), new("email", email), new("name", "Persona " + subject) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, OidcOptions.Scheme));
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = "id-token-" + subject }]);
        var external = AuthenticateResult.Success(new AuthenticationTicket(principal, properties, IdentityConstants.ExternalScheme));

        var refusal = await scope.ServiceProvider.GetRequiredService<OidcSignIn>().SignInAsync(external);
        return (refusal, http.Response.Headers.SetCookie.ToString());
    }
}
