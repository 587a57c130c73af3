namespace Segip.Consulta.Core.Domain;

public class Institution : ICreationStamped
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Acronym { get; set; }
    public InstitutionType Type { get; set; }
    public string? Nit { get; set; }
    public string? Address { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Declared working days; queries outside them count for the FUERA_DE_HORARIO misuse rule.</summary>
    public WorkingDays WorkingDays { get; set; } = WorkingDays.MondayToFriday;
    /// <summary>Start of the declared working hours, Bolivian time.</summary>
    public TimeOnly WorkStart { get; set; } = DefaultWorkStart;
    /// <summary>End of the declared working hours (exclusive), Bolivian time.</summary>
    public TimeOnly WorkEnd { get; set; } = DefaultWorkEnd;

    public static readonly TimeOnly DefaultWorkStart = new(8, 0);
    public static readonly TimeOnly DefaultWorkEnd = new(20, 0);

    public List<Agreement> Agreements { get; set; } = [];
    public List<EndUser> EndUsers { get; set; } = [];
    public List<ApiCredential> Credentials { get; set; } = [];
}
