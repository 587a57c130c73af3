using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

/// <summary>
/// The sign-in form must not tell which e-mail addresses have an account: the same message and the
/// same work (one password-hash verification, the dominant cost) for every kind of failure.
/// </summary>
[Trait("Category", "Integration")]
public class AccountEnumerationTests(AccountEnumerationTests.Factory app) : IClassFixture<AccountEnumerationTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher));
        }
    }

    /// <summary>Identity's hasher, counting the verifications.</summary>
    public sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> inner = new();
        private int verifications;
        public int Verifications => Volatile.Read(ref verifications);
        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Unknown_external_locked_and_existing_accounts_get_the_same_message_and_the_same_hashing_work()
    {
        var existing = await TestAccounts.CreateAsync(app, "existe", Roles.Auditor);
        var locked = await TestAccounts.CreateAsync(app, "bloqueada", Roles.Auditor);
        var external = await TestAccounts.CreateAsync(app, "externa", Roles.Auditor);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var lockedUser = (await users.FindByEmailAsync(locked))!;
            await users.SetLockoutEndDateAsync(lockedUser, DateTimeOffset.UtcNow.AddMinutes(15));
            var externalUser = (await users.FindByEmailAsync(external))!;
            externalUser.IsExternal = true;
            await users.UpdateAsync(externalUser);
        }

        var answers = new List<string>();
        foreach (var email in new[] { "nadie-" + Guid.NewGuid().ToString("N")[..8] + "@segip.demo", external, locked, existing })
        {
            using var client = app.Client();
            var before = app.Hasher.Verifications;
            var page = await FormLogin.ReadPageAsync(await FormLogin.PostAsync(client, email, "Incorrecta-2026!"));
            Assert.True(app.Hasher.Verifications - before == 1, $"{email}: {app.Hasher.Verifications - before} verificaciones de contraseña");
            answers.Add(System.Text.RegularExpressions.Regex.Match(page, "role=\"alert\">([^<]*)<").Groups[1].Value);
        }

        Assert.Equal(Web.Auth.LoginAttempt.FailureMessage, answers[0]);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }
}
