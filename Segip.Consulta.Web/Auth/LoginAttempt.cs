using Microsoft.AspNetCore.Identity;
using Segip.Consulta.Core.Domain;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Segip.Consulta.Web.Auth;

/// <summary>
/// A password sign-in that costs the same and answers the same whether the account exists or not:
/// unknown, provider-only, locked and disabled accounts verify a dummy hash, so neither the message
/// nor the time tells an attacker which e-mail addresses have an account.
/// </summary>
public static class LoginAttempt
{
    public const string FailureMessage =
        "Correo o contraseña incorrectos. Tras varios intentos fallidos la cuenta se bloquea temporalmente: " +
        "si no logra ingresar, espere 15 minutos o comuníquese con el administrador.";

    private static readonly ApplicationUser Nobody = new() { UserName = "nadie", Email = "nadie@invalid" };
    private static string? DummyHash;

    public static async Task<SignInResult> SignInAsync(SignInManager<ApplicationUser> signIn, ApplicationUser? user, string password)
    {
        var users = signIn.UserManager;
        // Provider accounts have no password here: they sign in with the institutional button.
        if (user is null || user.IsExternal)
        {
            VerifyDummy(users, password);
            return SignInResult.Failed;
        }
        // Identity answers a locked account before checking the password; hash anyway so it takes as long.
        if (await users.IsLockedOutAsync(user))
        {
            VerifyDummy(users, password);
            return SignInResult.LockedOut;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsNotAllowed) VerifyDummy(users, password);
        return result;
    }

    private static void VerifyDummy(UserManager<ApplicationUser> users, string password)
    {
        DummyHash ??= users.PasswordHasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        users.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash, password);
    }
}
