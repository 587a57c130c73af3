using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class CredentialServiceTests : IAsyncLifetime
{
    /// <summary>The database the tests run on; <see cref="ProviderMatrix"/> repeats them on PostgreSQL.</summary>
    protected virtual Engine Engine => Engine.Sqlite;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private CoreHost host = default!;
    private int bank, tse;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.CreateAsync(persons: 10, clock: clock, settings: new Dictionary<string, string?> { ["Credentials:CacheSeconds"] = "30" }, engine: Engine);
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        bank = await db.Institutions.Where(i => i.Name == "Banco Demo S.A.").Select(i => i.Id).SingleAsync();
        tse = await db.Institutions.Where(i => i.Name == "Tribunal Supremo Electoral").Select(i => i.Id).SingleAsync();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private CredentialService Service => host.Get<CredentialService>();
    private CredentialAuthenticator Authenticator => host.Get<CredentialAuthenticator>();
    private static readonly Actor Segip = new("admin@segip.demo", new HashSet<string> { Roles.SegipAdmin }, null);
    private Actor BankAdmin => new("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, bank);

    [Fact]
    public async Task Institution_admin_requests_segip_issues_and_the_secret_is_stored_only_as_a_hash()
    {
        var requested = await Service.RequestAsync(BankAdmin, bank, new CredentialInput { Description = "Core bancario", IpAllowlist = "200.87.0.0/16" });
        Assert.True(requested.IsOk, requested.Message);
        Assert.Equal(CredentialStatus.Requested, requested.Value!.Status);
        Assert.Null(await Authenticator.AuthenticateAsync(requested.Value.ClientId, "anything"));

        var issued = await Service.IssueAsync(Segip, requested.Value.Id);
        Assert.True(issued.IsOk, issued.Message);
        Assert.True(issued.Value!.Secret.Length >= 22, "at least 128 bits in base64url");
        Assert.Equal(CredentialStatus.Active, issued.Value.Credential.Status);
        var client = await Authenticator.AuthenticateAsync(requested.Value.ClientId, issued.Value.Secret);
        Assert.Equal(bank, client!.InstitutionId);
        Assert.True(client.AllowsIp("200.87.4.5"));
        Assert.False(client.AllowsIp("10.0.0.1"));

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var row = await db.Credentials.SingleAsync(c => c.Id == requested.Value.Id);
        Assert.Equal(host.Get<CredentialHasher>().Hash(issued.Value.Secret), row.SecretHash);
        var history = await db.ChangeRecords.Where(c => c.EntityType == CredentialService.EntityType && c.EntityId == row.ClientId)
            .OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(["Solicitada", "Emitida"], history.Select(h => h.Action));
        Assert.DoesNotContain(issued.Value.Secret, string.Concat(history.Select(h => h.Before + h.After)));
        Assert.Equal("admin@bancodemo.demo", history[0].UserName);
    }

    [Fact]
    public async Task Only_segip_issues_rotates_and_revokes_and_institution_admins_see_only_their_own()
    {
        Assert.Equal(ServiceStatus.Invalid, (await Service.RequestAsync(BankAdmin, bank, new CredentialInput())).Status);
        var requested = (await Service.RequestAsync(BankAdmin, bank, new CredentialInput { Description = "Core bancario" })).Value!;
        Assert.Equal(ServiceStatus.Forbidden, (await Service.IssueAsync(BankAdmin, requested.Id)).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.RevokeAsync(BankAdmin, requested.Id, "x")).Status);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.RequestAsync(BankAdmin, tse, new CredentialInput { Description = "x" })).Status);
        var own = (await Service.ListAsync(BankAdmin)).Value!;
        Assert.All(own, c => Assert.Equal(bank, c.InstitutionId));
        Assert.Contains(own, c => c.ClientId == "demo-banco");
        Assert.Contains((await Service.ListAsync(Segip)).Value!, c => c.ClientId == "demo-tse");
        var officer = new Actor("oficial", new HashSet<string> { Roles.Officer }, bank);
        Assert.Equal(ServiceStatus.Forbidden, (await Service.ListAsync(officer)).Status);
    }

    [Fact]
    public async Task An_institution_withdraws_only_its_own_pending_request_and_a_withdrawn_request_is_never_issued()
    {
        var requested = (await Service.RequestAsync(BankAdmin, bank, new CredentialInput { Description = "Sistema de cajas" })).Value!;
        var tseAdmin = new Actor("admin@tse.demo", new HashSet<string> { Roles.InstitutionAdmin }, tse);

        Assert.Equal(ServiceStatus.Forbidden, (await Service.WithdrawAsync(tseAdmin, requested.Id)).Status);
        Assert.Equal(CredentialStatus.Requested, (await Service.ListAsync(BankAdmin)).Value!.Single(c => c.Id == requested.Id).Status);
        Assert.Equal(ServiceStatus.NotFound, (await Service.WithdrawAsync(BankAdmin, 999_999)).Status);

        var withdrawn = await Service.WithdrawAsync(BankAdmin, requested.Id);
        Assert.True(withdrawn.IsOk, withdrawn.Message);
        Assert.Equal(CredentialStatus.Revoked, withdrawn.Value!.Status);
        Assert.Equal("Solicitud retirada por la institución.", withdrawn.Value.RevokedReason);

        var again = await Service.WithdrawAsync(BankAdmin, requested.Id);
        Assert.False(again.IsOk);
        Assert.Equal("Solo se puede retirar una solicitud que aún no fue emitida.", again.Message);
        Assert.False((await Service.IssueAsync(Segip, requested.Id)).IsOk);

        // An issued credential is not withdrawn: SEGIP revokes it; it keeps working meanwhile.
        var issued = await Service.WithdrawAsync(BankAdmin, await IdOf("demo-banco"));
        Assert.False(issued.IsOk);
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));

        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        var history = await db.ChangeRecords.Where(c => c.EntityType == CredentialService.EntityType && c.EntityId == requested.ClientId)
            .OrderBy(c => c.Id).Select(c => c.Action).ToListAsync();
        Assert.Equal(["Solicitada", "Retirada"], history);
    }

    /// <summary>The credentials page shows exactly the read model's actions: each one offered is accepted, each one withheld refused.</summary>
    [Fact]
    public async Task Each_credential_offers_its_reader_exactly_the_steps_the_service_accepts_in_its_state()
    {
        var requested = (await Service.RequestAsync(BankAdmin, bank, new CredentialInput { Description = "Sistema de cajas" })).Value!;
        async Task<IReadOnlySet<CredentialAction>> Allowed(Actor actor) => (await Service.ListAsync(actor)).Value!.Single(c => c.Id == requested.Id).AllowedActions;

        Assert.Equal([CredentialAction.Withdraw], await Allowed(BankAdmin));
        Assert.Equal([CredentialAction.Issue, CredentialAction.Edit, CredentialAction.Revoke], (await Allowed(Segip)).Order());
        var early = await Service.RotateAsync(Segip, requested.Id);
        Assert.Equal((ServiceStatus.Conflict, "Solo se puede rotar una credencial emitida."), (early.Status, early.Message));

        var issued = (await Service.IssueAsync(Segip, requested.Id)).Value!.Credential;
        Assert.Equal([CredentialAction.Rotate, CredentialAction.Edit, CredentialAction.Revoke], issued.AllowedActions.Order());
        Assert.Empty(await Allowed(BankAdmin));
        Assert.Equal(ServiceStatus.Conflict, (await Service.IssueAsync(Segip, requested.Id)).Status);
        Assert.Equal(ServiceStatus.Conflict, (await Service.WithdrawAsync(BankAdmin, requested.Id)).Status);

        var revoked = (await Service.RevokeAsync(Segip, requested.Id, "Sistema dado de baja")).Value!;
        Assert.Empty(revoked.AllowedActions);
        var edited = await Service.UpdateAsync(Segip, requested.Id, new CredentialInput { Description = "Otro sistema" });
        Assert.Equal((ServiceStatus.Conflict, "La credencial está revocada."), (edited.Status, edited.Message));
    }

    [Fact]
    public async Task Rotation_keeps_the_previous_secret_for_the_grace_period_only()
    {
        var id = await IdOf("demo-banco");
        var rotated = await Service.RotateAsync(Segip, id);
        Assert.True(rotated.IsOk, rotated.Message);
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", rotated.Value!.Secret));
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddDays(7), rotated.Value.Credential.PreviousSecretValidUntilUtc);

        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", rotated.Value.Secret));
    }

    [Fact]
    public async Task Revocation_and_expiry_stop_the_credential_and_need_a_reason_or_a_valid_date()
    {
        var id = await IdOf("demo-tse");
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-tse", "Demo-Tse-2026"));
        Assert.Equal(ServiceStatus.Invalid, (await Service.RevokeAsync(Segip, id, "  ")).Status);
        var revoked = await Service.RevokeAsync(Segip, id, "Filtración del secreto");
        Assert.Equal(CredentialStatus.Revoked, revoked.Value!.Status);
        // The change invalidates this instance's cache at once, though the cache lasts 30 s here.
        Assert.Null(await Authenticator.AuthenticateAsync("demo-tse", "Demo-Tse-2026"));
        Assert.Equal(ServiceStatus.Conflict, (await Service.RotateAsync(Segip, id)).Status);

        var bankId = await IdOf("demo-banco");
        var today = BoliviaClock.Today(clock);
        Assert.Equal(ServiceStatus.Invalid, (await Service.UpdateAsync(Segip, bankId, new CredentialInput { ExpiresOn = today.AddDays(-1) })).Status);
        Assert.Equal(ServiceStatus.Invalid, (await Service.UpdateAsync(Segip, bankId, new CredentialInput { IpAllowlist = "300.1.1.1/8" })).Status);
        var updated = await Service.UpdateAsync(Segip, bankId, new CredentialInput { ExpiresOn = today });
        Assert.Equal(today, updated.Value!.ExpiresOn);
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));
    }

    [Fact]
    public async Task Wrong_or_unknown_credentials_are_refused_alike()
    {
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2025"));
        Assert.Null(await Authenticator.AuthenticateAsync("no-existe", "Demo-Banco-2026"));
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", ""));
        Assert.Null(await Authenticator.AuthenticateAsync(null, null));
    }

    /// <summary>
    /// After a call with the right secret the cached row keeps it to skip the HMAC; a secret that only resembles it
    /// (one character off, one longer, one shorter) is still refused.
    /// </summary>
    [Fact]
    public async Task A_verified_secret_kept_in_the_cache_lets_in_that_secret_only()
    {
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2027"));
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-20266"));
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-202"));
        Assert.Null(await Authenticator.AuthenticateAsync("demo-banco", "demo-banco-2026"));
        Assert.NotNull(await Authenticator.AuthenticateAsync("demo-banco", "Demo-Banco-2026"));
    }

    private async Task<int> IdOf(string clientId)
    {
        await using var db = await host.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.Credentials.Where(c => c.ClientId == clientId).Select(c => c.Id).SingleAsync();
    }
}
