namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>
/// The six-digit code of an authenticator app, as people type it (apps show it as "123 456"): the one rule the
/// sign-in and security forms check and <see cref="OneUseAuthenticatorTokenProvider"/> applies.
/// </summary>
public static class AuthenticatorCode
{
    public const string RequiredMessage = "Escriba el código de seis dígitos.";
    public const string MalformedMessage = "El código tiene seis dígitos.";

    /// <summary>The code without the spaces and dashes people type between its groups.</summary>
    public static string Normalize(string? typed) => (typed ?? "").Replace(" ", "").Replace("-", "");

    public static bool IsWellFormed(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);
}
