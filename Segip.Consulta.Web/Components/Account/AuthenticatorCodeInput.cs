using System.ComponentModel.DataAnnotations;
using Segip.Consulta.Core.Features.Accounts;

namespace Segip.Consulta.Web.Components.Account;

/// <summary>
/// The posted six-digit code of the two-factor sign-in and of the security page (enable, disable). These pages are
/// static server-rendered forms, so they validate with <c>EditForm</c>'s DataAnnotations; the rule is Core's
/// <see cref="AuthenticatorCode"/>.
/// </summary>
public sealed class AuthenticatorCodeInput : IValidatableObject
{
    [Required(ErrorMessage = AuthenticatorCode.RequiredMessage)]
    public string Code { get; set; } = "";

    /// <summary>The code as the token provider reads it.</summary>
    public string Digits => AuthenticatorCode.Normalize(Code);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!AuthenticatorCode.IsWellFormed(Digits)) yield return new(AuthenticatorCode.MalformedMessage, [nameof(Code)]);
    }
}
