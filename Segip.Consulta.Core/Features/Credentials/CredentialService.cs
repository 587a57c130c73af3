using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.Credentials;

/// <summary>
/// The life of a web-service credential: an institution admin requests it, SEGIP's administrator
/// issues it (the secret is shown once and stored only as a keyed hash), rotates it (the previous
/// secret keeps working for <see cref="CredentialOptions.RotationGraceDays"/> days), changes its expiry
/// and IP allowlist, pins or unpins a client certificate (mutual TLS), or revokes it. Every change goes
/// to the change history. In the sandbox (<see cref="Sandbox.DeploymentMode"/>) institution admins do all of
/// this themselves for their own institution's test credentials.
/// </summary>
public sealed class CredentialService(
    IDbContextFactory<ConsultaDbContext> contexts, IValidator<CredentialInput> validator, CredentialHasher hasher,
    CredentialAuthenticator authenticator, ChangeLog changes, IOptions<CredentialOptions> options, TimeProvider time,
    Sandbox.DeploymentMode mode)
{
    public const string EntityType = "CredencialServicioWeb";

    public async Task<ServiceResult<IReadOnlyList<CredentialView>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        int? scope = actor.CanIssueCredentials() ? null
            : actor.CanAdministerOwnInstitution() && actor.InstitutionId is { } own ? own
            : -1;
        if (scope == -1) return ServiceResult<IReadOnlyList<CredentialView>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Credentials.AsNoTracking().Include(c => c.Institution)
            .Where(c => scope == null || c.InstitutionId == scope)
            .OrderBy(c => c.Institution!.Name).ThenBy(c => c.ClientId).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<CredentialView>>.Ok(rows.Select(c => View(c, actor)).ToList());
    }

    /// <summary>Institutions SEGIP may create a credential for (id, name), for SEGIP's administrator's form.</summary>
    public async Task<ServiceResult<IReadOnlyList<(int Id, string Name)>>> InstitutionsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanIssueCredentials()) return ServiceResult<IReadOnlyList<(int Id, string Name)>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Institutions.AsNoTracking().OrderBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<(int Id, string Name)>>.Ok(rows.Select(r => (r.Id, r.Name)).ToList());
    }

    /// <summary>An institution admin asks for a credential for its own institution; SEGIP may ask on behalf of any.</summary>
    public async Task<ServiceResult<CredentialView>> RequestAsync(Actor actor, int institutionId, CredentialInput input, CancellationToken ct = default)
    {
        if (!MayRequestFor(actor, institutionId)) return ServiceResult<CredentialView>.Forbidden();
        var data = input.Normalized();
        var validation = await validator.ValidateAsync(data, ct);
        if (!validation.IsValid) return ServiceResult<CredentialView>.FromValidation(validation);
        // SEGIP approves a request by what it is for: an institution must say which system will use it.
        if (data.Description is null && !actor.CanIssueCredentials())
            return ServiceResult<CredentialView>.Invalid(nameof(CredentialInput.Description), "Describa el sistema que usará la credencial.");

        await using var db = await contexts.CreateDbContextAsync(ct);
        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.Id == institutionId, ct);
        if (institution is null) return ServiceResult<CredentialView>.NotFound("La institución no existe.");
        var credential = new ApiCredential
        {
            InstitutionId = institutionId,
            Institution = institution,
            ClientId = NewClientId(institution.Acronym),
            Description = data.Description,
            IpAllowlist = data.IpAllowlist,
            ExpiresUtc = EndOfDayUtc(data.ExpiresOn),
            RequestedBy = actor.Name,
        };
        // Only SEGIP's administrator pins a certificate (it is a second factor SEGIP enforces).
        if (MayIssue(actor)) SetPin(credential, data);
        db.Credentials.Add(credential);
        changes.Add(db, actor, EntityType, credential.ClientId, "Solicitada", institutionId, null, Snapshot(credential));
        await db.SaveChangesAsync(ct);
        return ServiceResult<CredentialView>.Ok(View(credential, actor));
    }

    /// <summary>SEGIP issues a requested credential: generates its secret, returned here and nowhere else.</summary>
    public Task<ServiceResult<IssuedSecret>> IssueAsync(Actor actor, int credentialId, CancellationToken ct = default) =>
        ChangeSecretAsync(actor, credentialId, CredentialAction.Issue, "Emitida", ct);

    /// <summary>A new secret; the previous one keeps working until the grace period ends.</summary>
    public Task<ServiceResult<IssuedSecret>> RotateAsync(Actor actor, int credentialId, CancellationToken ct = default) =>
        ChangeSecretAsync(actor, credentialId, CredentialAction.Rotate, "Rotada", ct);

    public async Task<ServiceResult<CredentialView>> UpdateAsync(Actor actor, int credentialId, CredentialInput input, CancellationToken ct = default)
    {
        if (!MayIssue(actor)) return ServiceResult<CredentialView>.Forbidden();
        var data = input.Normalized();
        var validation = await validator.ValidateAsync(data, ct);
        if (!validation.IsValid) return ServiceResult<CredentialView>.FromValidation(validation);
        return await ModifyAsync(actor, credentialId, CredentialAction.Edit, "Editada", c =>
        {
            c.Description = data.Description;
            c.ExpiresUtc = EndOfDayUtc(data.ExpiresOn);
            c.IpAllowlist = data.IpAllowlist;
            SetPin(c, data);
        }, ct);
    }

    public async Task<ServiceResult<CredentialView>> RevokeAsync(Actor actor, int credentialId, string? reason, CancellationToken ct = default)
    {
        if (!MayIssue(actor)) return ServiceResult<CredentialView>.Forbidden();
        if (RevocationReason.Problem(reason) is { } problem) return ServiceResult<CredentialView>.Invalid(RevocationReason.Field, problem);
        reason = reason!.Trim();
        return await ModifyAsync(actor, credentialId, CredentialAction.Revoke, "Revocada", c =>
        {
            c.RevokedUtc = time.GetUtcNow().UtcDateTime;
            c.RevokedReason = reason;
            c.PreviousSecretHash = null;
            c.PreviousSecretValidUntilUtc = null;
        }, ct);
    }

    /// <summary>
    /// The institution withdraws its own request before SEGIP issues it (recorded as "Retirada"); an issued
    /// credential is revoked by SEGIP instead.
    /// </summary>
    public async Task<ServiceResult<CredentialView>> WithdrawAsync(Actor actor, int credentialId, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var institutionId = await db.Credentials.Where(c => c.Id == credentialId).Select(c => (int?)c.InstitutionId).FirstOrDefaultAsync(ct);
            if (institutionId is null) return ServiceResult<CredentialView>.NotFound("La credencial no existe.");
            if (!MayRequestFor(actor, institutionId.Value)) return ServiceResult<CredentialView>.Forbidden();
        }
        return await ModifyAsync(actor, credentialId, CredentialAction.Withdraw, "Retirada", c =>
        {
            c.RevokedUtc = time.GetUtcNow().UtcDateTime;
            c.RevokedReason = "Solicitud retirada por la institución.";
        }, ct);
    }

    private async Task<ServiceResult<IssuedSecret>> ChangeSecretAsync(Actor actor, int credentialId, CredentialAction action, string description,
        CancellationToken ct)
    {
        if (!MayIssue(actor)) return ServiceResult<IssuedSecret>.Forbidden();
        var secret = CredentialHasher.NewSecret();
        var result = await ModifyAsync(actor, credentialId, action, description, c =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (c.IssuedUtc is not null)
            {
                c.PreviousSecretHash = c.SecretHash;
                c.PreviousSecretValidUntilUtc = now.AddDays(options.Value.RotationGraceDays);
            }
            c.SecretHash = hasher.Hash(secret);
            c.IssuedUtc = now;
        }, ct);
        return result.IsOk
            ? ServiceResult<IssuedSecret>.Ok(new IssuedSecret(result.Value!, secret))
            : new ServiceResult<IssuedSecret> { Status = result.Status, Message = result.Message, Errors = result.Errors };
    }

    /// <summary>
    /// Loads, checks the credential's state admits <paramref name="action"/> (<see cref="CredentialActions"/>), applies
    /// the change, logs it and saves.
    /// </summary>
    private async Task<ServiceResult<CredentialView>> ModifyAsync(Actor actor, int credentialId, CredentialAction action, string description,
        Action<ApiCredential> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var credential = await db.Credentials.Include(c => c.Institution).FirstOrDefaultAsync(c => c.Id == credentialId, ct);
        if (credential is null) return ServiceResult<CredentialView>.NotFound("La credencial no existe.");
        if (action != CredentialAction.Withdraw && !MayIssueFor(actor, credential.InstitutionId))
            return ServiceResult<CredentialView>.Forbidden();
        if (CredentialActions.Refusal(StatusOf(credential), action) is { } refusal) return ServiceResult<CredentialView>.Conflict("Estado", refusal);
        var before = Snapshot(credential);
        change(credential);
        changes.Add(db, actor, EntityType, credential.ClientId, description, credential.InstitutionId, before, Snapshot(credential));
        await db.SaveChangesAsync(ct);
        authenticator.Invalidate(credential.ClientId);
        return ServiceResult<CredentialView>.Ok(View(credential, actor));
    }

    private CredentialStatus StatusOf(ApiCredential c) =>
        c.RevokedUtc is not null ? CredentialStatus.Revoked
        : c.IssuedUtc is null ? CredentialStatus.Requested
        : c.ExpiresUtc is { } e && e <= time.GetUtcNow().UtcDateTime ? CredentialStatus.Expired
        : CredentialStatus.Active;

    /// <summary>The credential as <paramref name="actor"/> sees it, with what the actor may do to it now.</summary>
    private CredentialView View(ApiCredential c, Actor actor)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var status = StatusOf(c);
        var allowed = CredentialActions.For(status, MayIssueFor(actor, c.InstitutionId), MayRequestFor(actor, c.InstitutionId));
        var grace = c.PreviousSecretValidUntilUtc is { } until && until > now ? until : (DateTime?)null;
        return new CredentialView(c.Id, c.InstitutionId, c.Institution?.Name ?? "", c.ClientId, c.Description, c.IpAllowlist,
            c.ExpiresUtc, c.IssuedUtc, c.RevokedUtc, c.RevokedReason, c.RequestedBy, c.CreatedUtc, grace, status, c.ClientCertificatePin,
            c.ClientCertificateAuthority) { AllowedActions = allowed };
    }

    /// <summary>The change history never receives hashes or secrets, only the facts.</summary>
    private static object Snapshot(ApiCredential c) => new
    {
        clientId = c.ClientId, descripcion = c.Description, listaIp = c.IpAllowlist, certificadoCliente = c.ClientCertificatePin, venceUtc = c.ExpiresUtc,
        emitidaUtc = c.IssuedUtc, revocadaUtc = c.RevokedUtc, motivoRevocacion = c.RevokedReason,
        secretoAnteriorValidoHastaUtc = c.PreviousSecretValidUntilUtc,
    };

    /// <summary>SEGIP's administrator; in the sandbox also an institution admin (for its own institution, checked per credential).</summary>
    public bool MayIssue(Actor actor) => actor.CanIssueCredentials() || (mode.IsSandbox && actor.CanAdministerOwnInstitution());

    /// <summary>Issues, rotates, edits and revokes this institution's credentials: in the sandbox an institution admin only its own.</summary>
    private bool MayIssueFor(Actor actor, int institutionId) =>
        MayIssue(actor) && (actor.CanIssueCredentials() || actor.InstitutionId == institutionId);

    /// <summary>Requests (and withdraws a request) for an institution: SEGIP for any, an institution admin for its own.</summary>
    private static bool MayRequestFor(Actor actor, int institutionId) =>
        actor.CanIssueCredentials() || (actor.CanAdministerOwnInstitution() && actor.InstitutionId == institutionId);

    /// <summary>The validated input's certificate as the stored pin and, for a CA pin, the CA certificate (null: none).</summary>
    private static void SetPin(ApiCredential c, CredentialInput data)
    {
        ClientCertificatePin.TryParse(data.ClientCertificate, out var pin, out var authority, out _);
        (c.ClientCertificatePin, c.ClientCertificateAuthority) = (pin, authority);
    }

    /// <summary>The last instant of the given Bolivian day, in UTC.</summary>
    private static DateTime? EndOfDayUtc(DateOnly? day) =>
        day is { } d ? DateTime.SpecifyKind(d.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc).Subtract(BoliviaClock.Offset) : null;

    private static string NewClientId(string acronym)
    {
        var prefix = new string(acronym.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        var suffix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        return (prefix.Length > 0 ? prefix : "inst") + "-" + suffix;
    }
}

/// <summary>Why a credential is revoked: required, up to 500 characters (the revoke dialog checks the same rule).</summary>
public static class RevocationReason
{
    public const string Field = "RevokedReason";
    public const int MaxLength = 500;

    public static string? Problem(string? reason) => reason?.Trim() switch
    {
        null or "" => "Indique el motivo de la revocación.",
        { Length: > MaxLength } => "El motivo no puede pasar de 500 caracteres.",
        _ => null,
    };
}
