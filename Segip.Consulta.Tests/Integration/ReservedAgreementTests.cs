using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>The legal directorate marks an agreement reserved by law, with its legal basis; auditors read it; both steps are in the history.</summary>
[Trait("Category", "Integration")]
public class ReservedAgreementTests : StaffScenario
{
    private const string Basis = "Investigación penal, art. 281 del Código de Procedimiento Penal";

    [Fact]
    public async Task Legal_marks_and_lifts_a_reservation_and_both_steps_are_in_the_history_with_the_basis()
    {
        Assert.True((await Agreements.MarkReservedAsync(Legal, BankAgreement, Basis)).IsOk);
        var detail = (await Agreements.GetAsync(Legal, BankAgreement)).Value!;
        Assert.True(detail.IsReserved);
        Assert.Equal(Basis, detail.ReservedBasis);
        Assert.Equal(Basis, (await Agreements.ReservedBasisAsync(Auditor, BankAgreement)).Value);

        Assert.True((await Agreements.UnmarkReservedAsync(Legal, BankAgreement, "Concluyó la investigación fiscal")).IsOk);
        Assert.False((await Agreements.GetAsync(Legal, BankAgreement)).Value!.IsReserved);
        Assert.Null((await Agreements.ReservedBasisAsync(Auditor, BankAgreement)).Value);

        var history = await HistoryOf(AgreementService.EntityType, BankAgreement.ToString());
        Assert.Equal(["Marcado como reservado", "Reserva levantada"], history.TakeLast(2));
        await using var db = await Db();
        var lifted = await db.ChangeRecords.Where(c => c.Action == "Reserva levantada").SingleAsync();
        Assert.Contains(Basis, lifted.Before);
        Assert.Contains("Concluyó la investigación fiscal", lifted.After);
        Assert.Equal("juridico@segip.demo", lifted.UserName);
    }

    [Fact]
    public async Task Only_the_legal_directorate_may_mark_or_lift_a_reservation()
    {
        foreach (var actor in new[] { SegipAdmin, Auditor, BankAdmin, BankOfficer })
        {
            Assert.Equal(ServiceStatus.Forbidden, (await Agreements.MarkReservedAsync(actor, BankAgreement, Basis)).Status);
            Assert.Equal(ServiceStatus.Forbidden, (await Agreements.UnmarkReservedAsync(actor, BankAgreement, Basis)).Status);
        }
        Assert.Equal(ServiceStatus.Forbidden, (await Agreements.ReservedBasisAsync(BankAdmin, BankAgreement)).Status);
        Assert.False((await Agreements.GetAsync(Legal, BankAgreement)).Value!.IsReserved);
    }

    [Theory]
    [InlineData(null, "Indique la base legal de la reserva (por ejemplo, la norma o la orden judicial).")]
    [InlineData("Ley", "El texto debe tener al menos 10 caracteres.")]
    [InlineData("Investigación\u0007 penal en curso", "El texto contiene caracteres de control o de dirección de escritura no permitidos.")]
    public async Task A_missing_short_or_unclean_legal_basis_is_refused_and_changes_nothing(string? basis, string message)
    {
        var result = await Agreements.MarkReservedAsync(Legal, BankAgreement, basis);

        Assert.Equal(ServiceStatus.Invalid, result.Status);
        Assert.Equal(message, result.Errors[ReservedBasisRules.Field].Single());
        Assert.False((await Agreements.GetAsync(Legal, BankAgreement)).Value!.IsReserved);
        Assert.DoesNotContain("Marcado como reservado", await HistoryOf(AgreementService.EntityType, BankAgreement.ToString()));
    }

    [Fact]
    public async Task Marking_twice_is_a_conflict()
    {
        Assert.True((await Agreements.MarkReservedAsync(Legal, BankAgreement, Basis)).IsOk);
        var again = await Agreements.MarkReservedAsync(Legal, BankAgreement, Basis);
        Assert.Equal(ServiceStatus.Conflict, again.Status);
        Assert.Equal("El convenio ya está marcado como reservado.", again.Message);
    }
}
