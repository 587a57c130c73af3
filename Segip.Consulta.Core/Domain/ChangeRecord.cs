namespace Segip.Consulta.Core.Domain;

/// <summary>A staff change: who did what to which entity, with the state before and after (JSON).</summary>
public class ChangeRecord
{
    public long Id { get; set; }
    public DateTime TimestampUtc { get; set; }
    public string? UserName { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    public int? InstitutionId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
