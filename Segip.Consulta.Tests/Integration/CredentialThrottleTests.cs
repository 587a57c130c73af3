using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Endpoints.Api;

namespace Segip.Consulta.Tests.Integration;

/// <summary>Guessing web-service secrets is throttled per credential id and per source address (issue 14, item 10).</summary>
[Trait("Category", "Integration")]
public class CredentialThrottleTests(CredentialThrottleTests.Factory app) : IClassFixture<CredentialThrottleTests.Factory>
{
    /// <summary>A 20 s window: on a loaded machine the first calls (JIT) took 5 s apart and outlasted a 3 s one.</summary>
    public class Factory : AppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Api:FailedCredentials:MaxFailures"] = "3",
            ["Api:FailedCredentials:WindowSeconds"] = "20",
        };
    }

    [Fact]
    public async Task After_the_allowed_failures_calls_get_429_with_retry_after_until_the_window_ends_and_the_block_is_recorded()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(401, (await app.QueryDocumentAsync(secret: "Adivinada-" + i)).Status);

        var blocked = await app.QueryDocumentAsync();
        Assert.Equal(429, blocked.Status);
        Assert.Equal("LIMITE_DE_FRECUENCIA", blocked.Code);
        Assert.InRange(int.Parse(blocked.Header("Retry-After")!), 1, 20);

        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
            Assert.True(await db.ChangeRecords.AnyAsync(c => c.Action == WebServiceAccess.BlockedAction && c.EntityId == "demo-banco"));

        // Never longer than the window: the holder's next call after it works.
        await Task.Delay(TimeSpan.FromSeconds(20.5));
        Assert.Equal(200, (await app.QueryDocumentAsync()).Status);
    }

    [Fact]
    public void Failures_count_per_credential_id_across_addresses_and_per_address_across_ids()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new CredentialFailureThrottle(Options.Create(new CredentialFailureOptions { MaxFailures = 3, WindowSeconds = 60 }), clock);

        foreach (var ip in new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3" }) throttle.RecordFailure("banco", ip);
        Assert.Equal(60, throttle.RetryAfter("banco", "10.0.0.9"));
        Assert.Null(throttle.RetryAfter("otro", "10.0.0.9"));

        foreach (var id in new[] { "a", "b", "c" }) throttle.RecordFailure(id, "200.1.1.1");
        Assert.NotNull(throttle.RetryAfter("otro", "200.1.1.1"));

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(throttle.RetryAfter("banco", "10.0.0.9"));
        Assert.Null(throttle.RetryAfter("otro", "200.1.1.1"));
    }
}
