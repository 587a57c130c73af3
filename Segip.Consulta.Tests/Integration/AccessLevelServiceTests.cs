using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Tests.Builders;
using Segip.Consulta.Tests.Fixtures;

namespace Segip.Consulta.Tests.Integration;

[Trait("Category", "Integration")]
public class AccessLevelServiceTests : StaffScenario
{
    private AccessLevelService Levels => Host.Get<AccessLevelService>();

    private static AccessLevelInput Notary() => new()
    {
        Code = "notarial", Name = "Nivel notarial", Description = "Para notarías de fe pública",
        Fields = [FieldCatalog.FechaNacimiento, FieldCatalog.Nombres, FieldCatalog.PrimerApellido], RequiresConsent = true,
    };

    [Fact]
    public async Task Catalogue_lists_the_four_standard_levels_in_order()
    {
        var list = (await Levels.ListAsync(Auditor)).Value!;
        Assert.Equal(["CONTRASTACION", "BASICO", "AMPLIADO", "COMPLETO"], list.Select(l => l.Code));
        Assert.Equal(2, list.Single(l => l.Code == "BASICO").AgreementCount);
    }

    [Fact]
    public async Task Created_level_keeps_fields_in_catalogue_order_with_history()
    {
        var created = await Levels.CreateAsync(Legal, Notary());
        Assert.True(created.IsOk, created.Message);
        Assert.Equal("NOTARIAL", created.Value!.Code);
        Assert.Equal([FieldCatalog.Nombres, FieldCatalog.PrimerApellido, FieldCatalog.FechaNacimiento], created.Value.Fields);
        Assert.Equal(["Creado"], await HistoryOf(AccessLevelService.EntityType, "NOTARIAL"));
        Assert.Equal(ServiceStatus.Conflict, (await Levels.CreateAsync(Legal, Notary())).Status);
    }

    [Fact]
    public async Task Editing_adds_a_version_and_agreements_keep_the_version_they_had()
    {
        var edited = await Levels.UpdateAsync(Legal, BasicLevel, new AccessLevelInput
        {
            Name = "Nivel 2 — Básico", Fields = [.. StandardAccessLevels.BasicoFields, FieldCatalog.Sexo],
        });
        Assert.True(edited.IsOk, edited.Message);
        Assert.Equal(2, edited.Value!.Version);
        Assert.Equal("BASICO", edited.Value.Code);

        await using var db = await Db();
        var versions = await db.AccessLevels.Where(l => l.Code == "BASICO").OrderBy(l => l.Version).ToListAsync();
        Assert.Equal([false, true], versions.Select(v => v.IsCurrent));
        Assert.DoesNotContain(FieldCatalog.Sexo, versions[0].Fields);
        Assert.Equal(BasicLevel, await db.Agreements.Where(a => a.Id == BankAgreement).Select(a => a.AccessLevelId).SingleAsync());
        Assert.Equal(["Nueva versión 2"], await HistoryOf(AccessLevelService.EntityType, "BASICO"));

        var stale = await Levels.UpdateAsync(Legal, BasicLevel, Notary());
        Assert.Equal("La versión 1 de BASICO ya fue reemplazada; edite la versión vigente.", stale.Message);
        // A new draft can only pick the current version; the retired one is refused.
        var draft = Draft(Bank, "CONV-2026-0300");
        Assert.Equal(ServiceStatus.Invalid, (await Agreements.CreateAsync(Legal, draft)).Status);
    }

    [Fact]
    public async Task An_amendment_moves_an_agreement_to_the_new_version()
    {
        var v2 = (await Levels.UpdateAsync(Legal, BasicLevel, new AccessLevelInput { Name = "Básico", Fields = [FieldCatalog.Nombres] })).Value!;
        var added = await Agreements.AddAmendmentAsync(Legal, BankAgreement,
            new AmendmentInput { Number = "AD-1", SignedOn = Today, NewAccessLevelId = v2.Id }, "a.pdf", TestPdf.Create());
        Assert.True(added.IsOk, added.Message);
        Assert.Equal(2, (await Agreements.GetAsync(Legal, BankAgreement)).Value!.LevelVersion);
    }

    [Fact]
    public async Task Saving_without_changes_creates_no_version()
    {
        var basic = (await Levels.GetAsync(Legal, BasicLevel)).Value!;
        var same = await Levels.UpdateAsync(Legal, BasicLevel, new AccessLevelInput
        {
            Name = basic.Name, Description = basic.Description, Fields = [.. basic.Fields], RequiresConsent = basic.RequiresConsent,
        });
        Assert.Equal(1, same.Value!.Version);
        Assert.Empty(await HistoryOf(AccessLevelService.EntityType, "BASICO"));
    }

    [Fact]
    public async Task A_level_in_use_or_standard_cannot_be_deleted_an_unused_one_can()
    {
        Assert.Equal("Los cuatro niveles estándar no se pueden eliminar.", (await Levels.DeleteAsync(Legal, BasicLevel)).Message);

        var notary = (await Levels.CreateAsync(Legal, Notary())).Value!;
        var draft = Draft(Bank, "CONV-2026-0400");
        draft.AccessLevelId = notary.Id;
        Assert.True((await Agreements.CreateAsync(Legal, draft)).IsOk);
        var refused = await Levels.DeleteAsync(Legal, notary.Id);
        Assert.Equal(ServiceStatus.Conflict, refused.Status);
        Assert.Equal("El nivel NOTARIAL está en uso en convenios, adendas o consultas y no se puede eliminar.", refused.Message);

        var unused = (await Levels.CreateAsync(Legal, new AccessLevelInput { Code = "TEMPORAL", Name = "Temporal", Fields = [FieldCatalog.Nombres] })).Value!;
        Assert.True((await Levels.DeleteAsync(Legal, unused.Id)).IsOk);
        await using var db = await Db();
        Assert.False(await db.AccessLevels.AnyAsync(l => l.Code == "TEMPORAL"));
        Assert.Equal(["Creado", "Eliminado"], await HistoryOf(AccessLevelService.EntityType, "TEMPORAL"));
    }

    [Fact]
    public async Task Invalid_level_is_refused_with_messages_per_field()
    {
        var invalid = await Levels.CreateAsync(Legal, new AccessLevelInput
        {
            Code = "1x", Name = "", Fields = ["nombres", "huella"], AllowsNameSearch = false,
        });
        Assert.Equal(["El código debe tener de 3 a 40 letras mayúsculas, dígitos o guiones bajos, y empezar con una letra."], invalid.Errors[nameof(AccessLevelInput.Code)]);
        Assert.Equal(["Indique el nombre del nivel."], invalid.Errors[nameof(AccessLevelInput.Name)]);
        Assert.Equal(["Campos desconocidos: huella."], invalid.Errors[nameof(AccessLevelInput.Fields)]);

        var nameSearchWithoutFields = await Levels.CreateAsync(Legal, new AccessLevelInput { Code = "VACIO", Name = "Vacío", AllowsNameSearch = true, RequiresConsent = true });
        Assert.Equal(["La búsqueda por nombre necesita al menos un campo que devolver."], nameSearchWithoutFields.Errors[nameof(AccessLevelInput.AllowsNameSearch)]);
        Assert.Equal(["Un nivel sin campos (solo contrastación) no necesita consentimiento."], nameSearchWithoutFields.Errors[nameof(AccessLevelInput.RequiresConsent)]);
    }
}
