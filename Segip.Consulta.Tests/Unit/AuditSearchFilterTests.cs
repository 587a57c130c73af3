using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class AuditSearchFilterTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void Without_dates_or_a_key_filter_the_default_period_is_the_last_thirty_days()
    {
        var filter = new AuditSearchFilter { Result = QueryResult.Refused, PurposeText = "cobranza" }.WithDefaultPeriod(Today);

        Assert.Equal(new DateOnly(2026, 10, 28), filter.From);
        Assert.Equal(Today, filter.To);
        Assert.Equal(QueryResult.Refused, filter.Result);
    }

    [Fact]
    public void Key_filters_and_chosen_dates_keep_the_filter_as_it_is()
    {
        AuditSearchFilter[] kept =
        [
            new() { DocumentNumber = "1234567" },
            new() { InstitutionId = 3 },
            new() { AgreementId = 5, Channel = Channel.Web },
            new() { From = new DateOnly(2024, 1, 1) },
            new() { To = new DateOnly(2024, 1, 1), Result = QueryResult.Refused },
        ];
        Assert.All(kept, filter => Assert.Same(filter, filter.WithDefaultPeriod(Today)));
    }

    /// <summary>The "Filtros:" line of the audit PDF reads in Spanish, as the pages do, never the enum names.</summary>
    [Fact]
    public void A_report_describes_its_filters_in_spanish()
    {
        var filter = new AuditSearchFilter
        {
            From = new DateOnly(2026, 11, 1), InstitutionId = 7, Channel = Channel.WebService, QueryType = QueryType.Verification,
            Result = QueryResult.Refused, DocumentNumber = "1234567",
        };

        var lines = AuditFilterDescription.Describe(filter, new AuditFilterOptions([new NamedOption(7, "Banco Demo S.A.")], []));

        Assert.Equal(["Desde: 01/11/2026", "Institución: Banco Demo S.A.", "Canal: Servicio web", "Tipo de consulta: Contrastación",
            "Resultado: Denegada", "Documento consultado: 1234567"], lines);
    }
}
