using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Local accounts made for one test, and what the change history says about an account.</summary>
public static class TestAccounts
{
    public const string Password = "Clave-Segura-2026!";

    /// <summary>A new local account with a unique e-mail, the given role and <see cref="Password"/>.</summary>
    public static async Task<string> CreateAsync(AppFactory app, string prefix, string role)
    {
        var email = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}@segip.demo";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Cuenta de prueba " + prefix };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return email;
    }

    public static async Task<ApplicationUser> FindAsync(AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!;
    }

    /// <summary>The sign-in actions recorded for an account (its id, or the name typed when there is none), oldest first.</summary>
    public static async Task<List<string>> SignInHistoryAsync(AppFactory app, string entityId)
    {
        await using var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.ChangeRecords.Where(r => r.EntityType == SignInHistory.EntityType && r.EntityId == entityId)
            .OrderBy(r => r.Id).Select(r => r.Action).ToListAsync();
    }
}
