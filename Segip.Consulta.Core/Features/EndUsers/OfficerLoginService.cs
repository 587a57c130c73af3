using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.EndUsers;

/// <summary>The web login of an end user who will query from the browser (an officer).</summary>
public sealed class OfficerLoginInput
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed class OfficerLoginInputValidator : AbstractValidator<OfficerLoginInput>
{
    public OfficerLoginInputValidator()
    {
        RuleFor(x => x.Email)
            .NotEmpty().WithMessage("Indique el correo con el que ingresará.")
            .EmailAddress().When(x => !string.IsNullOrEmpty(x.Email), ApplyConditionTo.CurrentValidator).WithMessage("El correo electrónico no es válido.")
            .MaximumLength(150).WithMessage("El correo no puede pasar de 150 caracteres.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Indique la contraseña inicial.");
    }
}

/// <summary>
/// Gives an enabled end user a web login with the Officer role, bound to its institution and end-user
/// code. Identity's stores are scoped, so each call opens its own scope (this service is a singleton).
/// </summary>
public sealed class OfficerLoginService(
    IServiceScopeFactory scopes, IDbContextFactory<ConsultaDbContext> contexts, IValidator<OfficerLoginInput> validator, ChangeLog changes)
{
    public async Task<ServiceResult<string>> CreateAsync(Actor actor, int institutionId, string code, OfficerLoginInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageEndUsersOf(institutionId)) return ServiceResult<string>.Forbidden();
        var data = new OfficerLoginInput { Email = InputText.Clean(input.Email)?.ToLowerInvariant(), Password = input.Password };
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<string>.Invalid(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var normalized = code.Trim().ToUpperInvariant();
        var endUser = await db.EndUsers.AsNoTracking().FirstOrDefaultAsync(u => u.InstitutionId == institutionId && u.Code == normalized, ct);
        if (endUser is null) return ServiceResult<string>.NotFound($"No existe el usuario final {code} en la institución.");
        if (!endUser.IsEnabled) return ServiceResult<string>.Conflict(nameof(OfficerLoginInput.Email), "El usuario final está inhabilitado; habilítelo primero.");
        if (await db.Users.AnyAsync(u => u.EndUserId == endUser.Id, ct))
            return ServiceResult<string>.Conflict(nameof(OfficerLoginInput.Email), $"El usuario final {endUser.Code} ya tiene acceso web.");

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        // Identity saves through the scope's context, so the account, its role and the history row share its transaction.
        var accounts = scope.ServiceProvider.GetRequiredService<ConsultaDbContext>();
        var strategy = accounts.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            accounts.ChangeTracker.Clear();
            await using var transaction = await accounts.Database.BeginTransactionAsync(cancel);
            var user = new ApplicationUser
            {
                UserName = data.Email, Email = data.Email, EmailConfirmed = true, FullName = endUser.FullName,
                InstitutionId = institutionId, EndUserId = endUser.Id,
            };
            var created = await users.CreateAsync(user, data.Password!);
            if (!created.Succeeded) return Refusal(created, data);
            var role = await users.AddToRoleAsync(user, Roles.Officer);
            if (!role.Succeeded) throw new InvalidOperationException($"No se pudo asignar el rol de funcionario consultor: {string.Join(" ", role.Errors.Select(e => e.Description))}");

            changes.Add(accounts, actor, EndUserService.EntityType, $"{institutionId}:{endUser.Code}", "Acceso web creado", institutionId,
                null, new { correo = data.Email, rol = Roles.DisplayName(Roles.Officer) });
            await accounts.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return ServiceResult<string>.Ok(data.Email!);
        }, ct);
    }

    private static ServiceResult<string> Refusal(IdentityResult created, OfficerLoginInput data)
    {
        if (created.Errors.Any(e => e.Code.StartsWith("Duplicate", StringComparison.Ordinal)))
            return ServiceResult<string>.Conflict(nameof(OfficerLoginInput.Email), $"Ya existe una cuenta con el correo {data.Email}.");
        var field = created.Errors.Any(e => e.Code.Contains("Password")) ? nameof(OfficerLoginInput.Password) : nameof(OfficerLoginInput.Email);
        return ServiceResult<string>.Invalid(new Dictionary<string, string[]> { [field] = created.Errors.Select(e => e.Description).ToArray() },
            string.Join(" ", created.Errors.Select(e => e.Description)));
    }
}
