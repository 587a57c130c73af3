namespace Segip.Consulta.Core.Domain;

/// <summary>
/// The units of an agreement's monthly quota reserved so far in one Bolivian month. The query gate reserves a unit
/// with one conditional UPDATE (<c>Used &lt; limit</c>), so app instances sharing the database cannot overrun it.
/// </summary>
public class QuotaCounter
{
    public int AgreementId { get; set; }
    /// <summary>The Bolivian month, <c>yyyy-MM</c>.</summary>
    public required string Period { get; set; }
    public int Used { get; set; }
}
