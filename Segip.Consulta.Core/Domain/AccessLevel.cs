namespace Segip.Consulta.Core.Domain;

/// <summary>
/// A named set of disclosable field codes. Editing a level creates a new version (same Code,
/// Version + 1) so agreements and audit records keep pointing at what was in force.
/// </summary>
public class AccessLevel : ICreationStamped
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; } = 1;
    public bool IsCurrent { get; set; } = true;
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<string> Fields { get; set; } = [];
    public bool RequiresConsent { get; set; }
    public bool AllowsNameSearch { get; set; }
    public DateTime CreatedUtc { get; set; }
}
