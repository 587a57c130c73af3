using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>The registry data the gate loads for one document; only the projection decides what leaves.</summary>
public sealed record RegistryMatch(Person Person, IdentityDocument Document);

/// <summary>
/// Projects a person onto exactly the fields of an access level. A field not in the level is not in
/// the answer at all; a field in the level with no value in the registry is present with null.
/// </summary>
public static class PersonProjection
{
    public static DisclosedPerson Project(RegistryMatch match, IReadOnlyList<string> levelFields)
    {
        var fields = new List<DisclosedField>(levelFields.Count);
        foreach (var code in FieldCatalog.Normalize(levelFields))
            fields.Add(new DisclosedField(code, ValueOf(code, match)));
        var d = match.Document;
        return new DisclosedPerson(d.Type, d.Number, d.Complement, fields);
    }

    private static object? ValueOf(string code, RegistryMatch m)
    {
        var p = m.Person;
        var d = m.Document;
        return code switch
        {
            FieldCatalog.Nombres => p.FirstNames,
            FieldCatalog.PrimerApellido => p.FirstSurname,
            FieldCatalog.SegundoApellido => p.SecondSurname,
            FieldCatalog.ApellidoCasada => p.MarriedSurname,
            FieldCatalog.EstadoDocumento => d.Status.ToCode(),
            FieldCatalog.FechaNacimiento => p.BirthDate.ToString("yyyy-MM-dd"),
            FieldCatalog.Sexo => p.Sex,
            FieldCatalog.Nacionalidad => p.Nationality,
            FieldCatalog.LugarNacimiento => p.BirthPlace,
            FieldCatalog.EstadoCivil => p.CivilStatus,
            FieldCatalog.Profesion => p.Profession,
            FieldCatalog.Domicilio => p.Address,
            FieldCatalog.FechaEmision => d.IssuedOn.ToString("yyyy-MM-dd"),
            FieldCatalog.FechaVencimiento => d.ExpiresOn?.ToString("yyyy-MM-dd"),
            FieldCatalog.Fallecido => p.IsDeceased,
            FieldCatalog.NombrePadre => p.FatherName,
            FieldCatalog.NombreMadre => p.MotherName,
            FieldCatalog.Fotografia => p.Biometrics?.Photo is { } photo ? Convert.ToBase64String(photo) : null,
            FieldCatalog.Firma => p.Biometrics?.Signature is { } sig ? Convert.ToBase64String(sig) : null,
            _ => null,
        };
    }
}
