using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class AgreementExpiryJobTests : StaffScenario
{
    private AgreementExpiryJob Job => Host.Get<AgreementExpiryJob>();

    [Fact]
    public async Task Agreements_past_their_end_date_become_expired_on_the_next_run_and_only_then()
    {
        var (_, inForce) = await NewDraftAsync(number: "CONV-2026-0501", to: Today.AddDays(3));
        Assert.True((await Agreements.ActivateAsync(Legal, inForce)).IsOk);
        var (_, suspended) = await NewDraftAsync(number: "CONV-2026-0502", to: Today.AddDays(3));
        Assert.True((await Agreements.ActivateAsync(Legal, suspended)).IsOk);
        Assert.True((await Agreements.SuspendAsync(Legal, suspended, "Revisión de accesos")).IsOk);
        var (_, draft) = await NewDraftAsync(number: "CONV-2026-0503", to: Today.AddDays(3));

        Assert.Equal(0, await Job.RunOnceAsync());
        // Its last day (Bolivian calendar) still counts as in force.
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 3, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await Job.RunOnceAsync());

        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await Job.RunOnceAsync());
        Assert.Equal(AgreementStatus.Expired, await StatusOf(inForce));
        Assert.Equal(AgreementStatus.Expired, await StatusOf(suspended));
        Assert.Equal(AgreementStatus.Draft, await StatusOf(draft));
        Assert.Equal(AgreementStatus.InForce, await StatusOf(BankAgreement));
        Assert.Equal(0, await Job.RunOnceAsync());

        await using var db = await Db();
        var record = await db.ChangeRecords.SingleAsync(c => c.EntityId == inForce.ToString() && c.Action == "Vencido");
        Assert.Equal("sistema", record.UserName);
        Assert.Contains("Vigencia terminada el 29/11/2026.", record.After);
        Assert.Equal("Un convenio vencido no se puede reactivar; firme un convenio nuevo.",
            (await Agreements.ReactivateAsync(Legal, suspended, "Renovación")).Message);
    }

    [Fact]
    public async Task Dashboard_lists_agreements_expiring_within_thirty_days_soonest_first()
    {
        var (_, in10) = await NewDraftAsync(number: "CONV-2026-0601", to: Today.AddDays(10));
        Assert.True((await Agreements.ActivateAsync(Legal, in10)).IsOk);
        var (_, in30) = await NewDraftAsync(number: "CONV-2026-0602", to: Today.AddDays(30));
        Assert.True((await Agreements.ActivateAsync(Legal, in30)).IsOk);
        var (_, in31) = await NewDraftAsync(number: "CONV-2026-0603", to: Today.AddDays(31));
        Assert.True((await Agreements.ActivateAsync(Legal, in31)).IsOk);
        await NewDraftAsync(number: "CONV-2026-0604", to: Today.AddDays(5));

        var expiring = (await Agreements.ExpiringAsync(SegipAdmin)).Value!;
        Assert.Equal(["CONV-2026-0601", "CONV-2026-0602"], expiring.Select(e => e.Number));
        Assert.Equal([10, 30], expiring.Select(e => e.DaysLeft));
        Assert.False((await Agreements.ExpiringAsync(BankAdmin)).IsOk);
    }
}
