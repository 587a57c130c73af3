using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.ChangeHistory;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class OfficerLoginServiceTests : StaffScenario
{
    private OfficerLoginService Logins => Host.Get<OfficerLoginService>();

    [Fact]
    public async Task Institution_admin_gives_its_end_user_an_officer_login_once()
    {
        await Host.Get<EndUserService>().RegisterAsync(BankAdmin, Bank, new EndUserInput { Code = "BD-003", DocumentNumber = "998877", FullName = "Rosa Quispe" });

        var created = await Logins.CreateAsync(BankAdmin, Bank, "bd-003", new OfficerLoginInput { Email = "Rosa@BancoDemo.demo", Password = "Clave-Segura-2026!" });
        Assert.True(created.IsOk, created.Message);

        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("rosa@bancodemo.demo"))!;
        Assert.Equal(Bank, user.InstitutionId);
        Assert.True(await users.IsInRoleAsync(user, Roles.Officer));
        Assert.True(await users.CheckPasswordAsync(user, "Clave-Segura-2026!"));

        var again = await Logins.CreateAsync(BankAdmin, Bank, "BD-003", new OfficerLoginInput { Email = "otra@bancodemo.demo", Password = "Clave-Segura-2026!" });
        Assert.Equal("El usuario final BD-003 ya tiene acceso web.", again.Message);

        var history = (await Host.Get<ChangeHistoryReader>().ForEntityAsync(BankAdmin, EndUserService.EntityType, $"{Bank}:BD-003")).Value!;
        Assert.Equal(["Acceso web creado", "Registrado"], history.Select(h => h.Action));
        var page = (await Host.Get<EndUserService>().SearchAsync(BankAdmin, Bank, new EndUserSearch { Text = "rosa" })).Value!;
        Assert.Equal("rosa@bancodemo.demo", Assert.Single(page.Items).LoginEmail);
    }

    [Fact]
    public async Task Weak_password_disabled_end_user_and_taken_email_are_refused()
    {
        await Host.Get<EndUserService>().RegisterAsync(Legal, Bank, new EndUserInput { Code = "BD-004", DocumentNumber = "445566", FullName = "Luis Apaza" });
        var weak = await Logins.CreateAsync(Legal, Bank, "BD-004", new OfficerLoginInput { Email = "nuevo@bancodemo.demo", Password = "corta" });
        Assert.Equal(ServiceStatus.Invalid, weak.Status);
        Assert.NotEmpty(weak.Errors[nameof(OfficerLoginInput.Password)]);

        var disabled = await Logins.CreateAsync(Legal, Bank, "BD-002", new OfficerLoginInput { Email = "pedro@bancodemo.demo", Password = "Clave-Segura-2026!" });
        Assert.Equal("El usuario final está inhabilitado; habilítelo primero.", disabled.Message);

        var taken = await Logins.CreateAsync(Legal, Bank, "BD-004", new OfficerLoginInput { Email = "oficial@bancodemo.demo", Password = "Clave-Segura-2026!" });
        Assert.Equal("Ya existe una cuenta con el correo oficial@bancodemo.demo.", taken.Message);
    }

    [Fact]
    public async Task Institution_admin_reads_only_its_own_institutions_history()
    {
        await Host.Get<EndUserService>().DisableAsync(Legal, Tse, "TSE-001", "Licencia médica");
        var reader = Host.Get<ChangeHistoryReader>();
        Assert.Single((await reader.ForEntityAsync(Auditor, EndUserService.EntityType, $"{Tse}:TSE-001")).Value!);
        Assert.Empty((await reader.ForEntityAsync(BankAdmin, EndUserService.EntityType, $"{Tse}:TSE-001")).Value!);
        Assert.Equal(ServiceStatus.Forbidden, (await reader.ForEntityAsync(BankOfficer, EndUserService.EntityType, $"{Tse}:TSE-001")).Status);
    }
}
