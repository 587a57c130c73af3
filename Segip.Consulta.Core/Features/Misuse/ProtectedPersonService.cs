using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.ChangeHistory;

namespace Segip.Consulta.Core.Features.Misuse;

public sealed record ProtectedPersonView(int Id, string DocumentNumber, string Reason, DateTime CreatedUtc);

/// <summary>A person to add to the protected list; the page's form binds to it.</summary>
public sealed class ProtectedPersonInput
{
    public string? DocumentNumber { get; set; }
    public string? Reason { get; set; }

    public ProtectedPersonInput Normalized() => new() { DocumentNumber = InputText.Clean(DocumentNumber), Reason = InputText.Clean(Reason) };
}

public sealed class ProtectedPersonInputValidator : AbstractValidator<ProtectedPersonInput>
{
    public ProtectedPersonInputValidator()
    {
        RuleFor(x => x.DocumentNumber).Must(n => n is { Length: <= 10 } && n.All(char.IsAsciiDigit))
            .WithMessage("El número de documento tiene de 1 a 10 dígitos, sin complemento.");
        RuleFor(x => x.Reason).Must(r => r is { Length: >= 5 and <= 300 })
            .WithMessage("Indique el motivo de la protección (de 5 a 300 caracteres).");
    }
}

/// <summary>
/// The protected persons list: any query on one of them raises a high-severity alert. Kept by SEGIP
/// administrators only (the list itself reveals who is protected); every addition and removal is in the change history.
/// </summary>
public sealed class ProtectedPersonService(
    IDbContextFactory<ConsultaDbContext> contexts, ChangeLog changes, IValidator<ProtectedPersonInput> validator)
{
    public const string EntityType = "PersonaProtegida";

    public async Task<ServiceResult<IReadOnlyList<ProtectedPersonView>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanManageProtectedPersons()) return ServiceResult<IReadOnlyList<ProtectedPersonView>>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var list = await db.ProtectedPersons.AsNoTracking().OrderBy(p => p.DocumentNumber)
            .Select(p => new ProtectedPersonView(p.Id, p.DocumentNumber, p.Reason, p.CreatedUtc)).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<ProtectedPersonView>>.Ok(list);
    }

    public async Task<ServiceResult<ProtectedPersonView>> AddAsync(Actor actor, ProtectedPersonInput input, CancellationToken ct = default)
    {
        if (!actor.CanManageProtectedPersons()) return ServiceResult<ProtectedPersonView>.Forbidden();
        var data = input.Normalized();
        if (await validator.ErrorsAsync(data, ct) is { } invalid) return ServiceResult<ProtectedPersonView>.Invalid(invalid);
        var (number, why) = (data.DocumentNumber!, data.Reason!);

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.ProtectedPersons.AnyAsync(p => p.DocumentNumber == number, ct))
            return ServiceResult<ProtectedPersonView>.Conflict(nameof(ProtectedPersonInput.DocumentNumber), $"El documento {number} ya está en la lista.");
        var person = await changes.SaveNewAsync(db, () => new ProtectedPerson { DocumentNumber = number, Reason = why },
            p => { changes.Add(db, actor, EntityType, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Agregar", null, null, Snapshot(p)); return Task.CompletedTask; }, ct);
        return ServiceResult<ProtectedPersonView>.Ok(new(person.Id, person.DocumentNumber, person.Reason, person.CreatedUtc));
    }

    public async Task<ServiceResult<bool>> RemoveAsync(Actor actor, int id, CancellationToken ct = default)
    {
        if (!actor.CanManageProtectedPersons()) return ServiceResult<bool>.Forbidden();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.ProtectedPersons.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return ServiceResult<bool>.NotFound("La persona ya no está en la lista.");
        db.ProtectedPersons.Remove(person);
        changes.Add(db, actor, EntityType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Quitar", null, Snapshot(person), null);
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    private static object Snapshot(ProtectedPerson p) => new Dictionary<string, object?> { ["documento"] = p.DocumentNumber, ["motivo"] = p.Reason };
}
