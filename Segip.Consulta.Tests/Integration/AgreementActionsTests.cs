using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Tests.Builders;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// The agreement page shows the buttons its read model allows; these must be exactly the actions the
/// service then accepts, in every status, so a page never offers what Core refuses nor hides what it allows.
/// </summary>
[Trait("Category", "Integration")]
public class AgreementActionsTests : StaffScenario
{
    private int drafts;

    public static TheoryData<AgreementStatus> Statuses => new(Enum.GetValues<AgreementStatus>());

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Allowed_actions_are_exactly_those_the_service_accepts(AgreementStatus status)
    {
        var allowed = (await Agreements.GetAsync(Legal, await AgreementInAsync(status))).Value!.AllowedActions;
        var mismatches = new List<string>();
        foreach (var action in Enum.GetValues<AgreementAction>())
        {
            var result = await RunAsync(action, await AgreementInAsync(status));
            // A lifecycle refusal is a conflict on Status; anything else means the action was let through.
            var accepted = !(result.Status == ServiceStatus.Conflict && result.Errors.ContainsKey("Status"));
            if (accepted != allowed.Contains(action)) mismatches.Add($"{action}: {result.Status} {result.Message}");
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Only_the_legal_directorate_is_offered_actions()
    {
        var (_, draft) = await NewDraftAsync(number: "CONV-ACC-READ");
        Assert.NotEmpty((await Agreements.GetAsync(Legal, draft)).Value!.AllowedActions);
        Assert.Empty((await Agreements.GetAsync(SegipAdmin, draft)).Value!.AllowedActions);
        Assert.Empty((await Agreements.GetAsync(Auditor, draft)).Value!.AllowedActions);
    }

    private async Task<int> AgreementInAsync(AgreementStatus status)
    {
        var (_, id) = await NewDraftAsync(number: $"CONV-ACC-{++drafts:D3}");
        if (status != AgreementStatus.Draft)
        {
            await using var db = await Db();
            await db.Agreements.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status));
        }
        return id;
    }

    private async Task<(ServiceStatus Status, string? Message, IReadOnlyDictionary<string, string[]> Errors)> RunAsync(AgreementAction action, int id)
    {
        const string reason = "Motivo de la prueba de acciones";
        return action switch
        {
            AgreementAction.Edit => Outcome(await Agreements.UpdateAsync(Legal, id, Draft(await InstitutionOf(id), $"CONV-ACC-E{id}"))),
            AgreementAction.AttachDocument => Outcome(await Agreements.AttachDocumentAsync(Legal, id, "otro.pdf", TestPdf.Create())),
            AgreementAction.Activate => Outcome(await Agreements.ActivateAsync(Legal, id)),
            AgreementAction.Suspend => Outcome(await Agreements.SuspendAsync(Legal, id, reason)),
            AgreementAction.Reactivate => Outcome(await Agreements.ReactivateAsync(Legal, id, reason)),
            AgreementAction.Terminate => Outcome(await Agreements.TerminateAsync(Legal, id, reason)),
            _ => Outcome(await Agreements.AddAmendmentAsync(Legal, id, new AmendmentInput { Number = "AD-01", SignedOn = Today, NewMonthlyQuota = 5 }, "adenda.pdf", TestPdf.Create())),
        };
    }

    private static (ServiceStatus, string?, IReadOnlyDictionary<string, string[]>) Outcome<T>(ServiceResult<T> r) => (r.Status, r.Message, r.Errors);

    private async Task<int> InstitutionOf(int agreementId)
    {
        await using var db = await Db();
        return await db.Agreements.Where(a => a.Id == agreementId).Select(a => a.InstitutionId).SingleAsync();
    }
}
