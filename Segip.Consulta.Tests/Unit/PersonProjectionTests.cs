using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Tests.Unit;

[Trait("Category", "Unit")]
public class PersonProjectionTests
{
    private static RegistryMatch Juan()
    {
        var person = DemoPersons.Create().First(p => p.Id == 1);
        return new RegistryMatch(person, person.Documents.First(d => d.Type == DocumentType.IdentityCard));
    }

    [Fact]
    public void Basic_level_discloses_exactly_its_six_fields()
    {
        var projected = PersonProjection.Project(Juan(), StandardAccessLevels.BasicoFields);

        Assert.Equal(
            ["nombres", "primerApellido", "segundoApellido", "apellidoCasada", "estadoDocumento", "fechaNacimiento"],
            projected.Fields.Select(f => f.Code));
        Assert.Equal("JUAN CARLOS", projected[FieldCatalog.Nombres]);
        Assert.Equal("1985-03-14", projected[FieldCatalog.FechaNacimiento]);
        Assert.Equal("VIGENTE", projected[FieldCatalog.EstadoDocumento]);
        Assert.False(projected.Has(FieldCatalog.Domicilio));
        Assert.False(projected.Has(FieldCatalog.Fotografia));
        Assert.False(projected.Has(FieldCatalog.NombrePadre));
    }

    [Fact]
    public void A_field_of_the_level_without_value_is_present_as_null()
    {
        var projected = PersonProjection.Project(Juan(), StandardAccessLevels.BasicoFields);

        Assert.True(projected.Has(FieldCatalog.ApellidoCasada));
        Assert.Null(projected[FieldCatalog.ApellidoCasada]);
    }

    [Fact]
    public void Complete_level_adds_parents_photo_and_signature()
    {
        var projected = PersonProjection.Project(Juan(), StandardAccessLevels.CompletoFields);

        Assert.Equal(StandardAccessLevels.CompletoFields.Count, projected.Fields.Count);
        Assert.Equal("CARMEN MAMANI QUISPE", projected[FieldCatalog.NombreMadre]);
        var photo = Convert.FromBase64String((string)projected[FieldCatalog.Fotografia]!);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], photo.Take(4));
    }

    [Fact]
    public void Unknown_codes_in_a_level_are_never_disclosed()
    {
        var projected = PersonProjection.Project(Juan(), ["nombres", "numeroCuentaBancaria"]);

        Assert.Equal(["nombres"], projected.Fields.Select(f => f.Code));
    }

    [Fact]
    public void Verification_level_discloses_nothing()
    {
        var projected = PersonProjection.Project(Juan(), []);

        Assert.Empty(projected.Fields);
    }
}
