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

    public List<Agreement> Agreements { get; set; } = [];
    public List<EndUser> EndUsers { get; set; } = [];
    public List<ApiCredential> Credentials { get; set; } = [];
}
