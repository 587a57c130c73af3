using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The session ends after <c>Authentication:IdleTimeoutMinutes</c> without requests; each request slides it.</summary>
[Trait("Category", "Integration")]
public class IdleTimeoutTests(IdleTimeoutTests.Factory app) : IClassFixture<IdleTimeoutTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Authentication:IdleTimeoutMinutes"] = "10",
            ["Authentication:AbsoluteLifetimeHours"] = "1",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Only the session cookie's clock is fake: the rest of the app keeps real time.
            builder.ConfigureTestServices(s => s.PostConfigure<CookieAuthenticationOptions>(
                IdentityConstants.ApplicationScheme, o => o.TimeProvider = Clock));
        }
    }

    [Fact]
    public async Task A_session_survives_activity_and_ends_after_the_idle_timeout()
    {
        using var client = await FormLogin.SignedInClientAsync(app, DemoAccounts.Auditor, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // Activity every 6 minutes keeps the 10-minute session alive well past 10 minutes.
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(6));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var idle = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", idle.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_active_session_still_ends_at_the_absolute_lifetime()
    {
        using var client = await FormLogin.SignedInClientAsync(app, DemoAccounts.Legal, DemoAccounts.Password);

        // A request every 6 minutes never lets the 10-minute idle timeout expire...
        for (var i = 0; i < 9; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(6));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        // ...but 61 minutes after signing in the 1-hour session is over.
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        var expired = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/cuenta/ingresar", expired.Headers.Location!.PathAndQuery);
    }
}
