using MudBlazor;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Web.Components.Audit;
using Segip.Consulta.Web.Components.Shared;
using Segip.Consulta.Web.Components.ChangeHistory;

namespace Segip.Consulta.Tests.Unit;

/// <summary>Every list keeps its filters, page and order in its address the same way (issue 21).</summary>
[Trait("Category", "Unit")]
public class ListAddressTests
{
    private const string Base = "https://segip.test/bitacora";

    [Fact]
    public void An_audit_search_with_page_and_order_reads_back_to_the_same_address()
    {
        var query = "?canal=WEB&documento=1234567&pagina=3&filas=50&orden=user&dir=asc";

        var view = AuditSearchView.Parse(Base + query);

        Assert.Equal(("1234567", Channel.Web), (view.Filter.DocumentNumber, view.Filter.Channel));
        Assert.Equal(new ListView(2, 50, "user", false), view.List);
        Assert.Equal(SortDirection.Ascending, view.InitialDirection("user"));
        Assert.Equal(SortDirection.None, view.InitialDirection("time"));
        Assert.Equal(query, view.ToQuery());
    }

    [Fact]
    public void Defaults_stay_out_of_the_address_and_unknown_orders_or_sizes_fall_back_to_them()
    {
        var defaults = new ListDefaults(20, "time") { Sorts = ["time", "name"] };

        var odd = ListView.Read(QueryReader.FromUri(Base + "?pagina=0&filas=7&orden=DROP&dir=x"), defaults);

        Assert.Equal(ListView.Default(defaults), odd);
        Assert.Equal("", QueryWriter.Build(odd.Parameters(defaults)));
        Assert.Equal("?pagina=2&orden=name&dir=asc", QueryWriter.Build(new ListView(1, 20, "name", false).Parameters(defaults)));
    }

    [Fact]
    public void The_table_state_becomes_the_list_view_and_no_sort_means_the_default_order()
    {
        var defaults = new ListDefaults(25, "time");

        Assert.Equal(new ListView(1, 50, "user", false),
            ListView.From(new TableState { Page = 1, PageSize = 50, SortLabel = "user", SortDirection = SortDirection.Ascending }, defaults));
        Assert.Equal(new ListView(0, 25, "time", true),
            ListView.From(new TableState { Page = 0, PageSize = 25, SortLabel = "user", SortDirection = SortDirection.None }, defaults));
    }

    [Fact]
    public void Unreadable_values_in_a_shared_link_are_named_in_spanish_and_not_used()
    {
        var q = QueryReader.FromUri(Base + "?desde=2026-13-45&tipo=3&institucion=abc&habilitado=quizas&texto=Banco");

        Assert.Null(q.Date("desde"));
        Assert.Null(q.Code<QueryType>("tipo"));
        Assert.Null(q.Number("institucion"));
        Assert.Null(q.YesNo("habilitado"));
        Assert.Equal("Banco", q.TextOrNull("texto"));
        Assert.Equal(["Fecha no válida (use aaaa-mm-dd)."], q.Errors["desde"]);
        Assert.Equal(["Valor no admitido: 3."], q.Errors["tipo"]);
        Assert.Equal(["Identificador no válido."], q.Errors["institucion"]);
        Assert.Equal(["Valor no admitido: quizas."], q.Errors["habilitado"]);
    }

    [Fact]
    public void Auditors_change_history_identifiers_link_to_the_read_only_entity_pages()
    {
        var auditor = new Actor("auditor@segip.demo", new HashSet<string> { Roles.Auditor }, null);
        var bankAdmin = new Actor("admin@bancodemo.demo", new HashSet<string> { Roles.InstitutionAdmin }, 1);

        Assert.Equal("/convenios/5", ChangeEntities.Link(auditor, AgreementService.EntityType, "5"));
        Assert.Equal("/instituciones/2", ChangeEntities.Link(auditor, InstitutionService.EntityType, "2"));
        Assert.Equal("/niveles", ChangeEntities.Link(auditor, AccessLevelService.EntityType, "BASICO"));
        // No page an auditor may open: plain text.
        Assert.Null(ChangeEntities.Link(auditor, CredentialService.EntityType, "demo-banco"));
        Assert.Null(ChangeEntities.Link(bankAdmin, AgreementService.EntityType, "5"));
    }

    [Theory]
    [InlineData(CredentialStatus.Requested, "Solicitada")]
    [InlineData(CredentialStatus.Active, "Activa")]
    [InlineData(CredentialStatus.Expired, "Vencida")]
    [InlineData(CredentialStatus.Revoked, "Revocada")]
    public void Credential_states_read_as_spanish_words(CredentialStatus status, string label) =>
        Assert.Equal(label, UiLabels.CredentialStatus(status));
}
