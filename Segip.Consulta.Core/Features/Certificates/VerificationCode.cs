using System.Security.Cryptography;

namespace Segip.Consulta.Core.Features.Certificates;

/// <summary>
/// The code printed on a certificate and typed at /verificar. 16 symbols from Crockford's base-32
/// alphabet without 0 and 1 (so no 0/O, 1/I/L confusion; U is excluded too): 30^16 ≈ 2^78, far beyond
/// what anyone can enumerate against a rate-limited page. Stored canonical (no dashes), shown in
/// groups of four: XXXX-XXXX-XXXX-XXXX.
/// </summary>
public static class VerificationCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 16;

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    public static string Display(string canonical) =>
        string.Join('-', Enumerable.Range(0, (canonical.Length + 3) / 4)
            .Select(i => canonical.Substring(i * 4, Math.Min(4, canonical.Length - i * 4))));

    /// <summary>What a person typed (any case, with dashes or spaces) in canonical form, or null if it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var chars = typed.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray();
        if (chars.Length != Length || chars.Any(c => !Alphabet.Contains(c))) return null;
        return new string(chars);
    }
}
