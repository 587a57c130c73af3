using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>
/// RFC 6238 codes from an authenticator app, each usable once: Identity's own provider accepts the
/// same code again for as long as it is in the window, so a code read over a shoulder or replayed
/// from a phishing page would open a second session. The last accepted time step is kept in
/// AspNetUserTokens (no schema change); a code of that step or an earlier one is refused.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string Name = "SegipAuthenticator";
    private const string TokenLoginProvider = "[SegipAuthenticator]";
    private const string LastStepName = "LastAcceptedStep";
    private const int StepSeconds = 30;
    /// <summary>Steps accepted on each side of now: phone clocks drift (the same 90 s as Identity's provider).</summary>
    private const int Window = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app generates the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (!AuthenticatorCode.IsWellFormed(token)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key)) return false;
        var secret = Base32Decode(key);
        if (secret is null) return false;

        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepName),
            NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        for (var step = now - Window; step <= now + Window; step++)
        {
            if (step <= last || !CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                continue;
            // Saved with the user's concurrency stamp: of two sign-ins racing with one code, only one succeeds.
            var saved = await manager.SetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepName,
                step.ToString(CultureInfo.InvariantCulture));
            return saved.Succeeded;
        }
        return false;
    }

    /// <summary>The six-digit HOTP value of one time step (RFC 4226 dynamic truncation).</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, as Identity stores the authenticator key; null when not valid base32.</summary>
    public static byte[]? Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }
}
