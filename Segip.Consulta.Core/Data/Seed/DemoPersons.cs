using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Seed;

/// <summary>The named persons of the fixtures in docs/contract.md (ids 1–3; the synthetic registry starts at 1000).</summary>
public static class DemoPersons
{
    public static IEnumerable<Person> Create()
    {
        yield return WithDocs(new Person
        {
            Id = 1, FirstNames = "JUAN CARLOS", FirstSurname = "PEREZ", SecondSurname = "MAMANI",
            BirthDate = new DateOnly(1985, 3, 14), Sex = "M", Nationality = "BOLIVIANA", BirthPlace = "LA PAZ",
            CivilStatus = "CASADO", Profession = "INGENIERO CIVIL", Address = "AV. 6 DE AGOSTO N° 2170, SOPOCACHI, LA PAZ",
            FatherName = "JUAN PEREZ CONDORI", MotherName = "CARMEN MAMANI QUISPE",
            SearchName = TextNormalizer.SearchName("PEREZ", "JUAN CARLOS"),
            Biometrics = new PersonBiometrics { PersonId = 1, Photo = PlaceholderImage.Portrait(1), Signature = PlaceholderImage.Signature(1) },
        },
        Doc(2, 1, DocumentType.IdentityCard, "1234567", "", Department.LaPaz, new(2015, 6, 1), new(2031, 6, 1), DocumentStatus.InForce),
        Doc(3, 1, DocumentType.DrivingLicence, "1234567", "", Department.LaPaz, new(2020, 2, 10), new(2030, 2, 10), DocumentStatus.InForce, "B"));

        yield return WithDocs(new Person
        {
            Id = 2, FirstNames = "MARÍA ELENA", FirstSurname = "PEREZ", SecondSurname = "QUISPE", MarriedSurname = "DE ROJAS",
            BirthDate = new DateOnly(1990, 7, 22), Sex = "F", Nationality = "BOLIVIANA", BirthPlace = "EL ALTO",
            CivilStatus = "CASADA", Profession = "CONTADORA", Address = "CALLE JUNÍN N° 455, EL ALTO",
            FatherName = "RENÉ PEREZ APAZA", MotherName = "ROSA QUISPE TICONA",
            SearchName = TextNormalizer.SearchName("PEREZ", "MARÍA ELENA"),
            Biometrics = new PersonBiometrics { PersonId = 2, Photo = PlaceholderImage.Portrait(2), Signature = PlaceholderImage.Signature(2) },
        },
        Doc(4, 2, DocumentType.IdentityCard, "1234567", "1A", Department.LaPaz, new(2018, 9, 3), new(2028, 9, 3), DocumentStatus.InForce));

        yield return WithDocs(new Person
        {
            Id = 3, FirstNames = "ROBERTO", FirstSurname = "GUTIÉRREZ", SecondSurname = "FLORES",
            BirthDate = new DateOnly(1950, 11, 2), Sex = "M", Nationality = "BOLIVIANA", BirthPlace = "COCHABAMBA",
            CivilStatus = "VIUDO", Profession = "JUBILADO", Address = "AV. AYACUCHO N° 120, COCHABAMBA",
            FatherName = "ERNESTO GUTIÉRREZ VACA", MotherName = "JUANA FLORES COPA",
            IsDeceased = true, DeceasedOn = new DateOnly(2024, 5, 10),
            SearchName = TextNormalizer.SearchName("GUTIÉRREZ", "ROBERTO"),
        },
        Doc(5, 3, DocumentType.IdentityCard, "7654321", "", Department.Cochabamba, new(2012, 4, 20), new(2022, 4, 20), DocumentStatus.Expired));
    }

    private static Person WithDocs(Person p, params IdentityDocument[] docs)
    {
        p.Documents.AddRange(docs);
        return p;
    }

    private static IdentityDocument Doc(long id, long personId, DocumentType type, string number, string complement,
        Department dep, DateOnly issued, DateOnly expires, DocumentStatus status, string? category = null) => new()
    {
        Id = id, PersonId = personId, Type = type, Number = number, Complement = complement, Department = dep,
        IssuedOn = issued, ExpiresOn = expires, Status = status, LicenceCategory = category,
    };
}
