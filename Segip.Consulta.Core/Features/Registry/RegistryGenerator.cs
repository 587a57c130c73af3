using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// A deterministic synthetic registry of Bolivian persons: the same seed and count always give the
/// same persons, so demo data, tests and benchmarks agree. Numbers start at 2,000,000 in steps of 7,
/// which never meets the fixed demo documents (1234567, 7654321).
/// </summary>
public static class RegistryGenerator
{
    public const long FirstSyntheticPersonId = 1000;

    private static readonly string[] MaleNames = ["JUAN", "CARLOS", "LUIS", "JOSE", "MARIO", "JORGE", "VICTOR", "FREDDY", "EDWIN", "RENE", "WILLY", "MARCELO", "ALVARO", "DANIEL", "FERNANDO", "GONZALO", "HUGO", "OSCAR", "RAUL", "SERGIO", "ROBERTO", "EVO", "ÁNGEL", "ISMAEL", "NÉSTOR", "SIMÓN", "RUBÉN", "HERNÁN"];
    private static readonly string[] FemaleNames = ["MARIA", "ANA", "ROSA", "CARMEN", "PATRICIA", "LIDIA", "SONIA", "GLADYS", "ELIZABETH", "VERÓNICA", "JHOVANA", "MARLENE", "XIMENA", "DAYANA", "SUSANA", "FLORA", "JUANA", "LOURDES", "NANCY", "SILVIA", "MARÍA ELENA", "NOEMÍ", "BEATRIZ", "INÉS", "SOFÍA", "ROCÍO", "BELÉN", "ZULMA"];
    private static readonly string[] Surnames = ["MAMANI", "QUISPE", "CONDORI", "CHOQUE", "FLORES", "GUTIÉRREZ", "RODRÍGUEZ", "VARGAS", "ROJAS", "MENDOZA", "FERNÁNDEZ", "LÓPEZ", "PÉREZ", "GARCÍA", "HUANCA", "TICONA", "APAZA", "LIMACHI", "COPA", "VILLCA", "CRUZ", "TORREZ", "GUZMÁN", "CASTRO", "ORTIZ", "ALANOCA", "POMA", "CHAMBI", "LAURA", "YUJRA", "CALLISAYA", "NINA", "ARUQUIPA", "COLQUE", "MUÑOZ", "NUÑEZ", "AÑEZ", "IBÁÑEZ", "SUÁREZ", "AGUILAR", "JUSTINIANO", "SALVATIERRA", "ROCA", "SAAVEDRA", "TERCEROS", "VACA", "CHÁVEZ", "ZEBALLOS"];
    private static readonly (Department Dep, string City)[] Places = [(Department.LaPaz, "LA PAZ"), (Department.LaPaz, "EL ALTO"), (Department.Cochabamba, "COCHABAMBA"), (Department.SantaCruz, "SANTA CRUZ DE LA SIERRA"), (Department.Oruro, "ORURO"), (Department.Potosi, "POTOSÍ"), (Department.Chuquisaca, "SUCRE"), (Department.Tarija, "TARIJA"), (Department.Beni, "TRINIDAD"), (Department.Pando, "COBIJA")];
    private static readonly string[] ForeignNationalities = ["PERUANA", "ARGENTINA", "BRASILEÑA", "CHILENA", "COLOMBIANA", "VENEZOLANA", "ESPAÑOLA", "PARAGUAYA"];
    private static readonly string[] Professions = ["ESTUDIANTE", "COMERCIANTE", "AGRICULTOR", "PROFESOR", "INGENIERO", "ABOGADO", "MÉDICO", "ENFERMERA", "CONDUCTOR", "ALBAÑIL", "CONTADOR", "LABORES DE CASA", "ARTESANO", "MINERO", "POLICÍA"];
    private static readonly string[] Streets = ["AV. 6 DE AGOSTO", "CALLE SAGÁRNAGA", "AV. BUSCH", "CALLE ESPAÑA", "AV. AYACUCHO", "CALLE JUNÍN", "AV. LAS AMÉRICAS", "CALLE POTOSÍ", "AV. BANZER", "CALLE BOLÍVAR", "AV. JUAN PABLO II", "CALLE SUCRE"];
    private static readonly string[] LicenceCategories = ["A", "B", "C", "P", "M", "T"];

    /// <summary>Generates <paramref name="count"/> persons with ids from <paramref name="firstId"/>.</summary>
    public static IEnumerable<Person> Generate(int count, int seed = 591, long firstId = FirstSyntheticPersonId)
    {
        var rng = new Random(seed);
        var referenceDay = new DateOnly(2026, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var id = firstId + i;
            var female = rng.Next(2) == 0;
            var foreign = rng.Next(100) < 2;
            var names = female ? FemaleNames : MaleNames;
            var first = names[rng.Next(names.Length)];
            if (rng.Next(3) == 0) first += " " + names[rng.Next(names.Length)];
            var surname1 = Surnames[rng.Next(Surnames.Length)];
            string? surname2 = rng.Next(20) == 0 ? null : Surnames[rng.Next(Surnames.Length)];
            var birth = new DateOnly(1935, 1, 1).AddDays(rng.Next(0, 365 * 72));
            var married = female && birth.Year < 1995 && rng.Next(3) == 0;
            var place = Places[rng.Next(Places.Length)];
            var deceased = rng.Next(100) == 0;
            var person = new Person
            {
                Id = id,
                FirstNames = first,
                FirstSurname = surname1,
                SecondSurname = surname2,
                MarriedSurname = married ? "DE " + Surnames[rng.Next(Surnames.Length)] : null,
                BirthDate = birth,
                Sex = female ? "F" : "M",
                Nationality = foreign ? ForeignNationalities[rng.Next(ForeignNationalities.Length)] : "BOLIVIANA",
                BirthPlace = foreign ? "EXTRANJERO" : place.City,
                CivilStatus = married ? "CASADA" : (birth.Year < 1990 && rng.Next(2) == 0 ? (female ? "CASADA" : "CASADO") : (female ? "SOLTERA" : "SOLTERO")),
                Profession = Professions[rng.Next(Professions.Length)],
                Address = $"{Streets[rng.Next(Streets.Length)]} N° {rng.Next(1, 3000)}, {place.City}",
                FatherName = $"{MaleNames[rng.Next(MaleNames.Length)]} {surname1}",
                MotherName = $"{FemaleNames[rng.Next(FemaleNames.Length)]} {surname2 ?? Surnames[rng.Next(Surnames.Length)]}",
                IsDeceased = deceased,
                DeceasedOn = deceased ? referenceDay.AddDays(-rng.Next(1, 3000)) : null,
                SearchName = TextNormalizer.SearchName(surname1, first),
            };

            // Every 40th person shares the previous number and is told apart by a complement.
            var number = (2_000_000L + 7L * (i % 40 == 39 ? i - 1 : i)).ToString();
            var complement = i % 40 == 39 ? $"{1 + rng.Next(9)}{(char)('A' + rng.Next(26))}" : "";
            var issued = birth.AddYears(18).AddDays(rng.Next(0, 3650));
            if (issued > referenceDay) issued = referenceDay.AddDays(-rng.Next(1, 2000));
            var expires = issued.AddYears(foreign ? 2 : 6);
            var status = rng.Next(1000) switch
            {
                < 5 => DocumentStatus.Cancelled,
                < 7 => DocumentStatus.Blocked,
                _ => deceased ? DocumentStatus.Cancelled : expires < referenceDay ? DocumentStatus.Expired : DocumentStatus.InForce,
            };
            person.Documents.Add(new IdentityDocument
            {
                Id = id * 2,
                PersonId = id,
                Type = foreign ? DocumentType.ForeignerIdentityCard : DocumentType.IdentityCard,
                Number = number,
                Complement = complement,
                Department = foreign ? Department.Foreign : place.Dep,
                IssuedOn = issued,
                ExpiresOn = expires,
                Status = status,
            });
            if (!deceased && rng.Next(4) == 0)
            {
                var licIssued = issued.AddDays(rng.Next(0, 1500));
                var licExpires = licIssued.AddYears(5);
                person.Documents.Add(new IdentityDocument
                {
                    Id = id * 2 + 1,
                    PersonId = id,
                    Type = foreign ? DocumentType.ForeignerDrivingLicence : DocumentType.DrivingLicence,
                    Number = number,
                    Complement = complement,
                    Department = foreign ? Department.Foreign : place.Dep,
                    IssuedOn = licIssued,
                    ExpiresOn = licExpires,
                    Status = licExpires < referenceDay ? DocumentStatus.Expired : DocumentStatus.InForce,
                    LicenceCategory = LicenceCategories[rng.Next(LicenceCategories.Length)],
                });
            }
            yield return person;
        }
    }
}
