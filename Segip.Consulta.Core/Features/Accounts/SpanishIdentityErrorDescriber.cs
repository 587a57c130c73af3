using Microsoft.AspNetCore.Identity;

namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>ASP.NET Core Identity's messages, in Spanish.</summary>
public sealed class SpanishIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), "Ocurrió un error.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"El correo «{email}» ya está registrado.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"El usuario «{userName}» ya existe.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"El correo «{email}» no es válido.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"El nombre de usuario «{userName}» no es válido.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "La contraseña es incorrecta.");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"La contraseña debe tener al menos {length} caracteres.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "La contraseña debe tener al menos un símbolo.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "La contraseña debe tener al menos un dígito.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "La contraseña debe tener al menos una minúscula.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "La contraseña debe tener al menos una mayúscula.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"La contraseña debe tener al menos {uniqueChars} caracteres distintos.");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"El usuario ya tiene el rol «{role}».");
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"El usuario no tiene el rol «{role}».");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "El bloqueo no está habilitado para este usuario.");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "El código no es válido o ya expiró.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Otro usuario modificó este registro; vuelva a cargarlo.");

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}
