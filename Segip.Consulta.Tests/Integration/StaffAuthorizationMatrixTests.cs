using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.Disputes;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.Misuse;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Builders;
using Segip.Consulta.Tests.Fixtures;
using Segip.Consulta.Web.Auth;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// Every role against every staff operation of institutions, levels, agreements and end users, and the look-ups
/// behind the audit, alert, case, credential and query pages. The
/// services themselves refuse (Forbidden), whatever a page shows; a refused actor leaves no trace.
/// </summary>
[Trait("Category", "Integration")]
public class StaffAuthorizationMatrixTests : StaffScenario
{
    private const string A = Roles.SegipAdmin, L = Roles.Legal, U = Roles.Auditor, I = Roles.InstitutionAdmin, O = Roles.Officer;

    public static TheoryData<string> AllRoles => new(Roles.All);

    private Actor ActorFor(string role) => role switch
    {
        Roles.SegipAdmin => SegipAdmin,
        Roles.Legal => Legal,
        Roles.Auditor => Auditor,
        Roles.InstitutionAdmin => BankAdmin,
        _ => BankOfficer,
    };

    private async Task<IReadOnlyList<(string Name, string[] Allowed, Func<Actor, Task<ServiceStatus>> Run)>> OperationsAsync()
    {
        var institutions = Host.Get<InstitutionService>();
        var levels = Host.Get<AccessLevelService>();
        var endUsers = Host.Get<EndUserService>();
        var logins = Host.Get<OfficerLoginService>();
        var history = Host.Get<ChangeHistoryReader>();
        var (_, draft) = await NewDraftAsync();
        int documentId;
        await using (var db = await Db())
            documentId = await db.Agreements.Where(a => a.Id == draft).Select(a => a.DocumentId!.Value).SingleAsync();
        var pdf = TestPdf.Create();
        var institution = new InstitutionInput { Name = "Aduana Nacional", Acronym = "AN", Type = InstitutionType.Publica };
        var level = new AccessLevelInput { Code = "MATRIZ", Name = "Matriz", Fields = [FieldCatalog.Nombres] };
        var endUser = new EndUserInput { Code = "TSE-900", DocumentNumber = "1234", FullName = "Prueba de matriz" };

        return
        [
            ("buscar instituciones", [A, L, U], async a => (await institutions.SearchAsync(a, new InstitutionSearch())).Status),
            ("ver institución propia", [A, L, U, I], async a => (await institutions.GetAsync(a, Bank)).Status),
            ("ver otra institución", [A, L, U], async a => (await institutions.GetAsync(a, Tse)).Status),
            ("registrar institución", [A, L], async a => (await institutions.CreateAsync(a, institution)).Status),
            ("editar institución", [A, L], async a => (await institutions.UpdateAsync(a, Tse, new InstitutionInput { Name = "Tribunal Supremo Electoral", Acronym = "TSE", Type = InstitutionType.Publica, Address = a.Name })).Status),
            ("ver niveles", [A, L, U], async a => (await levels.ListAsync(a)).Status),
            ("crear nivel", [L], async a => (await levels.CreateAsync(a, level)).Status),
            ("editar nivel", [L], async a => (await levels.UpdateAsync(a, CompleteLevel, new AccessLevelInput { Name = "Completo " + a.Name, Fields = [FieldCatalog.Nombres] })).Status),
            ("eliminar nivel", [L], async a => (await levels.DeleteAsync(a, BasicLevel)).Status),
            ("buscar convenios", [A, L, U], async a => (await Agreements.SearchAsync(a, new AgreementSearch())).Status),
            ("ver convenio", [A, L, U], async a => (await Agreements.GetAsync(a, BankAgreement)).Status),
            ("crear convenio", [L], async a => (await Agreements.CreateAsync(a, Draft(Tse, "CONV-MATRIZ-1"))).Status),
            ("editar borrador", [L], async a => (await Agreements.UpdateAsync(a, draft, Draft(Tse, "CONV-2026-0100"))).Status),
            ("adjuntar documento", [L], async a => (await Agreements.AttachDocumentAsync(a, draft, "c.pdf", pdf)).Status),
            ("descargar documento", [A, L, U], async a => (await Agreements.GetDocumentAsync(a, documentId)).Status),
            ("activar", [L], async a => (await Agreements.ActivateAsync(a, draft)).Status),
            ("suspender", [L], async a => (await Agreements.SuspendAsync(a, BankAgreement, "Motivo de la matriz")).Status),
            ("reactivar", [L], async a => (await Agreements.ReactivateAsync(a, BankAgreement, "Motivo de la matriz")).Status),
            ("adenda", [L], async a => (await Agreements.AddAmendmentAsync(a, BankAgreement, new AmendmentInput { Number = "AD-" + a.Name.Length, SignedOn = Today, NewMonthlyQuota = 7 }, "a.pdf", pdf)).Status),
            ("rescindir", [L], async a => (await Agreements.TerminateAsync(a, draft, "Motivo de la matriz")).Status),
            ("convenios por vencer", [A, L, U], async a => (await Agreements.ExpiringAsync(a)).Status),
            ("historial de un convenio", [A, L, U, I], async a => (await history.ForEntityAsync(a, AgreementService.EntityType, BankAgreement.ToString())).Status),
            ("usuarios finales propios", [A, L, I], async a => (await endUsers.SearchAsync(a, Bank, new EndUserSearch())).Status),
            ("usuarios finales de otra institución", [A, L], async a => (await endUsers.SearchAsync(a, Tse, new EndUserSearch())).Status),
            ("registrar usuario final en otra institución", [A, L], async a => (await endUsers.RegisterAsync(a, Tse, endUser)).Status),
            ("editar usuario final de otra institución", [A, L], async a => (await endUsers.UpdateAsync(a, Tse, "TSE-001", endUser)).Status),
            ("inhabilitar usuario final de otra institución", [A, L], async a => (await endUsers.DisableAsync(a, Tse, "TSE-001", "Motivo de la matriz")).Status),
            ("acceso web en otra institución", [A, L], async a => (await logins.CreateAsync(a, Tse, "TSE-001", new OfficerLoginInput { Email = "x@tse.bo", Password = "" })).Status),
            ("acceso web en la propia", [A, L, I], async a => (await logins.CreateAsync(a, Bank, "BD-001", new OfficerLoginInput { Email = "x@bd.bo", Password = "" })).Status),
            ("verificar la cadena de la bitácora", [A, U], async a => (await Host.Get<AuditVerifier>().VerifyAsync(a)).Status),
            ("firmar un punto de control", [A], async a => (await Host.Get<AuditCheckpointService>().CreateAsync(a)).Status),
            // An institution admin is not refused but finds only its own institution's records (this one is not there).
            ("verificar un registro de la bitácora", [A, U, I], async a => (await Host.Get<AuditVerifier>().VerifyRecordAsync(a, 1)).Status),
            ("revisores de alertas", [A, U], async a => (await Host.Get<MisuseAlertService>().ReviewersAsync(a)).Status),
            ("auditores de reclamos", [U], async a => (await Host.Get<DisputeService>().AuditorsAsync(a)).Status),
            ("instituciones para credenciales", [A], async a => (await Host.Get<CredentialService>().InstitutionsAsync(a)).Status),
            ("mis consultas", [O], async a => (await Host.Get<OfficerContextService>().RecentAsync(a, Bank, "BD-001")).Status),
            ("consultas de un oficial de otra institución", [], async a => (await Host.Get<OfficerContextService>().RecentAsync(a, Tse, "TSE-001")).Status),
        ];
    }

    /// <summary>
    /// Each web policy admits exactly the roles its Core service accepts. The agreements policy used to
    /// admit SEGIP administrators to the agreement editor, whose every save the service then refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_web_policy_admits_exactly_whom_the_service_accepts(string role)
    {
        var actor = ActorFor(role);
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, actor.Name), new Claim(ClaimTypes.Role, role),
             .. actor.InstitutionId is { } id ? [new Claim(ConsultaClaimsPrincipalFactory.InstitutionClaim, id.ToString())] : Array.Empty<Claim>()],
            "prueba"));
        await using var web = new ServiceCollection().AddLogging().AddAuthorizationCore(Policies.Configure).BuildServiceProvider();
        var authorization = web.GetRequiredService<IAuthorizationService>();
        var services = new (string Policy, Func<Task<ServiceStatus>> Run)[]
        {
            (Policies.ManageAgreements, async () => (await Agreements.CreateAsync(actor, Draft(Tse, "CONV-POLITICA"))).Status),
            (Policies.ManageAccessLevels, async () => (await Host.Get<AccessLevelService>().CreateAsync(actor, new AccessLevelInput { Code = "POLITICA", Name = "Política", Fields = [FieldCatalog.Nombres] })).Status),
            (Policies.ManageInstitutions, async () => (await Host.Get<InstitutionService>().CreateAsync(actor, new InstitutionInput { Name = "Política " + role, Acronym = "POL", Type = InstitutionType.Publica })).Status),
            (Policies.Audit, () => Task.FromResult(Host.Get<AuditSearchService>().Authorize(actor, new AuditSearchFilter()).Status)),
            (Policies.Administer, async () => (await Host.Get<CertificateService>().ListRecentAsync(actor)).Status),
            (Policies.Credentials, async () => (await Host.Get<CredentialService>().ListAsync(actor)).Status),
            (Policies.ManageEndUsers, async () => (await Host.Get<EndUserService>().SearchAsync(actor, Bank, new EndUserSearch())).Status),
            (Policies.MisuseThresholds, async () => (await Host.Get<MisuseThresholdService>().ListAsync(actor)).Status),
            (Policies.Cases, async () => (await Host.Get<DisputeService>().SearchAsync(actor, new CaseFilter())).Status),
            (Policies.OwnInstitution, async () => (await Host.Get<DisputeService>().AnswerAsync(actor, -1, new CaseAnswer { InstitutionAnswer = "Justificación de la política" })).Status),
        };
        var mismatches = new List<string>();
        foreach (var (policy, run) in services)
        {
            var admitted = (await authorization.AuthorizeAsync(user, policy)).Succeeded;
            var accepted = await run() != ServiceStatus.Forbidden;
            if (admitted != accepted) mismatches.Add($"{policy}: política {(admitted ? "admite" : "rechaza")}, servicio {(accepted ? "acepta" : "rechaza")}");
        }
        Assert.Empty(mismatches);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_role_is_allowed_exactly_its_operations(string role)
    {
        var actor = ActorFor(role);
        var mismatches = new List<string>();
        foreach (var (name, allowed, run) in await OperationsAsync())
        {
            var status = await run(actor);
            var expectAllowed = allowed.Contains(role);
            if (expectAllowed == (status == ServiceStatus.Forbidden))
                mismatches.Add($"{name}: {status} (esperado {(expectAllowed ? "permitido" : "prohibido")})");
        }
        Assert.Empty(mismatches);

        await using var db = await Db();
        var traces = await db.ChangeRecords.CountAsync(c => c.UserName == actor.Name);
        if (role is Roles.SegipAdmin or Roles.Legal) Assert.True(traces > 0);
        else Assert.Equal(0, traces);
    }
}
