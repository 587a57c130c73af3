namespace Segip.Consulta.Core.Domain;

/// <summary>A person registered by an institution, on whose behalf queries are made.</summary>
public class EndUser : IUpdateStamped
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public Institution? Institution { get; set; }
    public required string Code { get; set; }
    public required string DocumentNumber { get; set; }
    public required string FullName { get; set; }
    public string? Position { get; set; }
    public string? Email { get; set; }
    public bool IsEnabled { get; set; } = true;
    public string? DisabledReason { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
