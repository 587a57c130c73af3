namespace Segip.Consulta.Core.Domain;

public class Person
{
    public long Id { get; set; }
    public required string FirstNames { get; set; }
    public string? FirstSurname { get; set; }
    public string? SecondSurname { get; set; }
    public string? MarriedSurname { get; set; }
    public DateOnly BirthDate { get; set; }
    /// <summary>"M" or "F".</summary>
    public required string Sex { get; set; }
    public required string Nationality { get; set; }
    public string? BirthPlace { get; set; }
    public string? CivilStatus { get; set; }
    public string? Profession { get; set; }
    public string? Address { get; set; }
    public string? FatherName { get; set; }
    public string? MotherName { get; set; }
    public bool IsDeceased { get; set; }
    public DateOnly? DeceasedOn { get; set; }
    /// <summary>Upper-case "SURNAME SURNAME NAMES" without accents, for name search.</summary>
    public required string SearchName { get; set; }

    public List<IdentityDocument> Documents { get; set; } = [];
    public PersonBiometrics? Biometrics { get; set; }
}

/// <summary>Photo and signature, kept apart so person rows stay small.</summary>
public class PersonBiometrics
{
    public long PersonId { get; set; }
    public byte[]? Photo { get; set; }
    public byte[]? Signature { get; set; }
}

public class IdentityDocument
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public DocumentType Type { get; set; }
    public required string Number { get; set; }
    /// <summary>Two characters such as "1A", or empty when the document has none.</summary>
    public string Complement { get; set; } = "";
    public Department Department { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public DocumentStatus Status { get; set; }
    /// <summary>Licence category (A, B, C, P, M, T) for LIC and LICE.</summary>
    public string? LicenceCategory { get; set; }
}
