using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Web.Auth;

/// <summary>Why a citizen sign-in was refused; the citizen sign-in page shows the Spanish text for the code.</summary>
public static class CitizenRefusals
{
    public const string Failed = "ciudadania-fallido";
    public const string NoDocument = "ciudadania-sin-documento";
    public const string NotRegistered = "ciudadania-sin-registro";

    public static string? Message(string? code) => code switch
    {
        Failed => "No se pudo completar el ingreso con Ciudadanía Digital. Intente de nuevo.",
        NoDocument => "Ciudadanía Digital no envió su número de documento verificado. Revise su cuenta de Ciudadanía Digital.",
        NotRegistered => "No encontramos en el registro del SEGIP una cédula que coincida con la de su cuenta de Ciudadanía Digital.",
        _ => null,
    };
}

/// <summary>
/// Turns Ciudadanía Digital's answer into a citizen session: the registry person is the one whose
/// identity document matches the provider's verified document claims (type, number, complement), never
/// anything the citizen typed. The session holds only the person's id and the citizen role; it is a
/// cookie of its own scheme, with no account behind it, so no staff role can ever come with it.
/// </summary>
public sealed class CitizenSignIn(IDbContextFactory<ConsultaDbContext> contexts, IOptions<CitizenOptions> options, ILogger<CitizenSignIn> logger)
{
    /// <returns>Null when signed in; otherwise a <see cref="CitizenRefusals"/> code.</returns>
    public async Task<string?> SignInAsync(HttpContext http, AuthenticateResult external)
    {
        var settings = options.Value;
        var principal = external.Principal;
        if (!external.Succeeded || principal is null) return CitizenRefusals.Failed;
        var number = principal.FindFirstValue(settings.DocumentClaim)?.Trim();
        if (string.IsNullOrEmpty(number)) return CitizenRefusals.NoDocument;
        var typeText = principal.FindFirstValue(settings.DocumentTypeClaim)?.Trim();
        var type = string.IsNullOrEmpty(typeText) ? DocumentType.IdentityCard
            : ContractCodes.TryParseCode<DocumentType>(typeText.ToUpperInvariant(), out var parsed) ? parsed : (DocumentType?)null;
        if (type is not (DocumentType.IdentityCard or DocumentType.ForeignerIdentityCard)) return CitizenRefusals.NoDocument;
        var complement = (principal.FindFirstValue(settings.ComplementClaim) ?? "").Trim().ToUpperInvariant();

        await using var db = await contexts.CreateDbContextAsync(http.RequestAborted);
        // Exact match on type, number and complement: "1234567" and "1234567-1A" are two different persons.
        var persons = await db.IdentityDocuments.AsNoTracking()
            .Where(d => d.Type == type && d.Number == number && d.Complement == complement)
            .Select(d => d.PersonId).Distinct().Take(2).ToListAsync(http.RequestAborted);
        if (persons.Count != 1)
        {
            logger.LogWarning("Ingreso ciudadano sin persona única en el registro ({Count} coincidencias).", persons.Count);
            return CitizenRefusals.NotRegistered;
        }

        var name = principal.FindFirstValue("name") ?? "Ciudadano";
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name),
                new Claim(ClaimTypes.Role, Roles.Citizen),
                new Claim(CitizenOptions.PersonClaim, persons[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.AuthenticationMethod, CitizenOptions.Scheme),
            ], CitizenOptions.SessionScheme, ClaimTypes.Name, ClaimTypes.Role);
        // A staff session in the same browser ends: one person, one kind of session at a time.
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        await http.SignInAsync(CitizenOptions.SessionScheme, new ClaimsPrincipal(identity));
        return null;
    }

    /// <summary>The person of a citizen session; null for anyone else (staff, anonymous, a forged role claim in a staff cookie).</summary>
    public static long? PersonOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: CitizenOptions.SessionScheme }
        && user.IsInRole(Roles.Citizen)
        && long.TryParse(user.FindFirstValue(CitizenOptions.PersonClaim), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
}
