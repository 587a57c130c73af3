using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The app with a small per-credential rate limit and no credential cache, for tests that change credentials and agreements.</summary>
public class RestrictedAppFactory : AppFactory
{
    public const int PermitLimit = 3;

    /// <summary>Calls per credential per hour.</summary>
    protected virtual int Limit => PermitLimit;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:RateLimit:PermitLimit"] = Limit.ToString(),
        ["Api:RateLimit:WindowSeconds"] = "3600",
        ["Credentials:CacheSeconds"] = "0",
    };
}

/// <summary>Credential life cycle, IP allowlist, channel, quota and rate limit over HTTP. Each test uses its own institution or credential.</summary>
[Trait("Category", "Integration")]
public class WebServiceRestrictionTests(RestrictedAppFactory app) : IClassFixture<RestrictedAppFactory>
{
    private Task<WebServiceAnswer> Query(string clientId, string secret, string endUser = "U-1") =>
        app.QueryDocumentAsync(clientId: clientId, secret: secret, endUser: endUser);

    [Fact]
    public async Task Revoked_credential_gets_401()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        Assert.Equal(200, (await Query(clientId, secret)).Status);
        Assert.True((await app.Get<CredentialService>().RevokeAsync(Actor.System, id, "Fin del contrato")).IsOk);
        var answer = await Query(clientId, secret);
        Assert.Equal((401, "CREDENCIAL_INVALIDA"), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task Expired_credential_gets_401()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        await using (var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync())
        {
            var credential = await db.Credentials.SingleAsync(c => c.Id == id);
            credential.ExpiresUtc = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
        var answer = await Query(clientId, secret);
        Assert.Equal((401, "CREDENCIAL_INVALIDA"), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task Rotated_secret_works_and_the_previous_one_keeps_working_during_the_grace_period()
    {
        var (clientId, secret, id) = await app.NewInstitutionAsync();
        var rotated = await app.Get<CredentialService>().RotateAsync(Actor.System, id);
        Assert.Equal(200, (await Query(clientId, rotated.Value!.Secret)).Status);
        Assert.Equal(200, (await Query(clientId, secret)).Status);
    }

    [Fact]
    public async Task Call_from_an_address_outside_the_credentials_allowlist_is_refused_and_audited()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync(credentialIps: "10.20.0.0/16");
        var answer = await Query(clientId, secret);
        Assert.Equal((403, "IP_NO_PERMITIDA"), (answer.Status, answer.Code));
        var record = await app.AuditRecordAsync((string)answer.Json["consultaId"]!);
        Assert.Equal(RefusalReason.IpNotAllowed, record.RefusalReason);
        Assert.Equal(Channel.WebService, record.Channel);
        Assert.Equal("127.0.0.1", record.ClientIp);
    }

    [Fact]
    public async Task Agreement_without_the_web_service_channel_refuses_with_canal_no_permitido()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync(channels: Channels.Web);
        var answer = await Query(clientId, secret);
        Assert.Equal((403, "CANAL_NO_PERMITIDO"), (answer.Status, answer.Code));
        Assert.Equal(RefusalReason.ChannelNotAllowed, (await app.AuditRecordAsync((string)answer.Json["consultaId"]!)).RefusalReason);
    }

    [Fact]
    public async Task Spent_monthly_quota_gives_429_cuota_agotada_with_retry_after()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync(quota: 1);
        Assert.Equal(200, (await Query(clientId, secret)).Status);
        var answer = await Query(clientId, secret);
        Assert.Equal((429, "CUOTA_AGOTADA"), (answer.Status, answer.Code));
        Assert.True(int.Parse(answer.Header("Retry-After")!) > 0);
        Assert.Equal(RefusalReason.QuotaExhausted, (await app.AuditRecordAsync((string)answer.Json["consultaId"]!)).RefusalReason);

        var quota = await app.CallAsync(HttpMethod.Get, "/api/v1/cuota", clientId, secret);
        Assert.Equal(1, (int)quota.Json["limiteMensual"]!);
        Assert.Equal(1, (int)quota.Json["usadas"]!);
        Assert.Equal(0, (int)quota.Json["restantes"]!);
    }

    [Fact]
    public async Task Calls_beyond_the_credentials_rate_limit_get_429_with_retry_after_and_are_audited()
    {
        var (clientId, secret, _) = await app.NewInstitutionAsync();
        for (var i = 0; i < RestrictedAppFactory.PermitLimit; i++)
            Assert.Equal(200, (await Query(clientId, secret)).Status);

        var answer = await Query(clientId, secret);
        Assert.Equal((429, "LIMITE_DE_FRECUENCIA"), (answer.Status, answer.Code));
        Assert.True(int.Parse(answer.Header("Retry-After")!) > 0);
        Assert.Equal(RefusalReason.RateLimited, (await app.AuditRecordAsync((string)answer.Json["consultaId"]!)).RefusalReason);
        // Another credential has its own budget.
        var (otherId, otherSecret, _) = await app.NewInstitutionAsync();
        Assert.Equal(200, (await Query(otherId, otherSecret)).Status);
    }

    [Fact]
    public async Task Soap_rate_limit_and_quota_faults_carry_retry_after_like_rest()
    {
        var body = string.Format(SoapCalls.DocumentBody, "U-1");
        var (clientId, secret, _) = await app.NewInstitutionAsync();
        for (var i = 0; i < RestrictedAppFactory.PermitLimit; i++)
            Assert.Equal(200, (await app.SoapAsync("ConsultarDocumento", body, clientId, secret)).Status);
        var limited = await app.SoapAsync("ConsultarDocumento", body, clientId, secret);
        Assert.Equal("LIMITE_DE_FRECUENCIA", limited.Code);
        var retryAfter = limited.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.True(retryAfter > 0);
        Assert.Equal(retryAfter, double.Parse(limited.Envelope.Descendants(SoapCalls.Svc + "reintentarEnSegundos").Single().Value));

        var (quotaId, quotaSecret, _) = await app.NewInstitutionAsync(quota: 1);
        Assert.Equal(200, (await app.SoapAsync("ConsultarDocumento", body, quotaId, quotaSecret)).Status);
        var spent = await app.SoapAsync("ConsultarDocumento", body, quotaId, quotaSecret);
        Assert.Equal("CUOTA_AGOTADA", spent.Code);
        Assert.True(spent.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds > 0);
    }
}
