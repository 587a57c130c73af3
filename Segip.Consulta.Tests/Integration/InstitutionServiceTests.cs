using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.Queries;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class InstitutionServiceTests : StaffScenario
{
    private InstitutionService Institutions => Host.Get<InstitutionService>();

    private static InstitutionInput Input(string name = "Autoridad de Supervisión del Sistema Financiero") => new()
    {
        Name = name, Acronym = "asfi", Type = InstitutionType.Publica, Nit = "1020304", Address = "Av. Arce 2631, La Paz",
        ContactName = "Lic. Juan Mamani", ContactEmail = "Juan@ASFI.gob.bo", ContactPhone = "+591 2 2174444",
    };

    [Fact]
    public async Task Registered_and_edited_institution_is_found_by_search_with_history()
    {
        var created = await Institutions.CreateAsync(Legal, Input());
        Assert.True(created.IsOk, created.Message);
        var edit = Input();
        edit.Type = InstitutionType.Financiera;
        Assert.True((await Institutions.UpdateAsync(SegipAdmin, created.Value, edit)).IsOk);

        var page = (await Institutions.SearchAsync(Auditor, new InstitutionSearch { Text = "ASFI" })).Value!;
        var row = Assert.Single(page.Items);
        Assert.Equal(1, page.Total);
        Assert.Equal("ASFI", row.Acronym);
        Assert.Equal(InstitutionType.Financiera, row.Type);
        Assert.Equal(["Registrada", "Editada"], await HistoryOf(InstitutionService.EntityType, created.Value.ToString()));
    }

    [Fact]
    public async Task Search_filters_by_type_and_agreement_status_and_pages_on_the_server()
    {
        var financial = (await Institutions.SearchAsync(Legal, new InstitutionSearch { Type = InstitutionType.Financiera })).Value!;
        Assert.Equal(["Banco Demo S.A.", "Cooperativa Demo Vencida Ltda."], financial.Items.Select(i => i.Name));
        var inForce = (await Institutions.SearchAsync(Legal, new InstitutionSearch { AgreementStatus = AgreementStatus.InForce })).Value!;
        Assert.Equal(2, inForce.Total);
        var secondPage = (await Institutions.SearchAsync(Legal, new InstitutionSearch { Page = 1, PageSize = 2 })).Value!;
        Assert.Equal(3, secondPage.Total);
        Assert.Equal(["Tribunal Supremo Electoral"], secondPage.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task Detail_gathers_agreements_end_users_credentials_and_query_counts()
    {
        var gate = Host.Get<QueryGate>();
        var caller = new QueryCaller { Channel = Channel.Web, InstitutionId = Bank, EndUserCode = "BD-001" };
        await gate.ExecuteAsync(caller, new QueryRequest { Type = QueryType.Document, DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Apertura de cuenta" });
        await gate.ExecuteAsync(caller with { EndUserCode = "BD-002" }, new QueryRequest { Type = QueryType.Document, DocumentType = "CI", DocumentNumber = "1234567", Purpose = "Apertura de cuenta" });

        var detail = (await Institutions.GetAsync(Legal, Bank)).Value!;
        Assert.Equal("CONV-DEMO-0001", Assert.Single(detail.Agreements).Number);
        Assert.Equal(["BD-001", "BD-002"], detail.EndUsers.Select(u => u.Code));
        Assert.Equal("demo-banco", Assert.Single(detail.Credentials).ClientId);
        Assert.Equal(new QueryCounts(2, 2, 1), detail.Queries);
    }

    [Fact]
    public async Task Invalid_or_duplicate_institution_is_refused_and_changes_nothing()
    {
        var invalid = await Institutions.CreateAsync(Legal, new InstitutionInput { Name = "X", Acronym = "con espacio", Nit = "12ab", ContactEmail = "malo" });
        Assert.Equal(["El nombre debe tener entre 3 y 200 caracteres."], invalid.Errors[nameof(InstitutionInput.Name)]);
        Assert.Equal(["La sigla debe tener hasta 30 letras o dígitos, sin espacios."], invalid.Errors[nameof(InstitutionInput.Acronym)]);
        Assert.Equal(["Elija el tipo de institución."], invalid.Errors[nameof(InstitutionInput.Type)]);
        Assert.Equal(["El NIT debe tener de 5 a 20 dígitos."], invalid.Errors[nameof(InstitutionInput.Nit)]);
        Assert.Equal(["El correo electrónico no es válido."], invalid.Errors[nameof(InstitutionInput.ContactEmail)]);

        var duplicate = await Institutions.CreateAsync(Legal, Input("Banco Demo S.A."));
        Assert.Equal(ServiceStatus.Conflict, duplicate.Status);
        Assert.Equal("Ya existe una institución llamada «Banco Demo S.A.».", duplicate.Message);
        Assert.Equal(3, (await Institutions.SearchAsync(Legal, new InstitutionSearch())).Value!.Total);
    }

    [Fact]
    public async Task Institution_admin_sees_only_its_own_institution()
    {
        Assert.True((await Institutions.GetAsync(BankAdmin, Bank)).IsOk);
        Assert.Equal(ServiceStatus.Forbidden, (await Institutions.GetAsync(BankAdmin, Tse)).Status);
        Assert.Equal(["Banco Demo S.A."], (await Institutions.OptionsAsync(BankAdmin)).Select(o => o.Name));
        Assert.Equal(3, (await Institutions.OptionsAsync(Legal)).Count);
        Assert.Empty(await Institutions.OptionsAsync(BankOfficer));
    }
}
