using System.Text.Json.Serialization;

namespace Segip.Consulta.Core.Domain;

/// <summary>The misuse rules the detector evaluates (docs/domain.md, "Misuse detection"); each declares its code (VOLUMEN_INUSUAL…), stored and part of an alert's fingerprint.</summary>
public enum MisuseRule
{
    [JsonStringEnumMemberName("VOLUMEN_INUSUAL")] VolumeSpike = 1,
    [JsonStringEnumMemberName("FUERA_DE_HORARIO")] OutsideWorkingHours,
    [JsonStringEnumMemberName("ENUMERACION")] Enumeration,
    [JsonStringEnumMemberName("PERSONA_MUY_CONSULTADA")] HeavilyQueriedPerson,
    [JsonStringEnumMemberName("PERSONA_PROTEGIDA")] ProtectedPerson,
    [JsonStringEnumMemberName("RECHAZOS_REPETIDOS")] RepeatedRefusals,
    [JsonStringEnumMemberName("FINALIDAD_DEBIL")] WeakPurpose,
    [JsonStringEnumMemberName("BUSQUEDA_AMPLIA_POR_NOMBRE")] BroadNameSearch,
}

public enum AlertSeverity
{
    [JsonStringEnumMemberName("BAJA")] Low = 1,
    [JsonStringEnumMemberName("MEDIA")] Medium,
    [JsonStringEnumMemberName("ALTA")] High,
}

/// <summary>An alert's review: NUEVA → EN_REVISION → CERRADA (with a conclusion).</summary>
public enum AlertState
{
    [JsonStringEnumMemberName("NUEVA")] New = 1,
    [JsonStringEnumMemberName("EN_REVISION")] InReview,
    [JsonStringEnumMemberName("CERRADA")] Closed,
}

/// <summary>
/// What the misuse detector found: one rule firing on one subject (end user, person, address) for one
/// Bolivian day. <see cref="Fingerprint"/> is unique, so a rule re-evaluated over the same day — after a
/// restart or on a second instance — cannot raise the same alert twice.
/// </summary>
public class MisuseAlert : IUpdateStamped
{
    public long Id { get; set; }
    public required string Fingerprint { get; set; }
    public MisuseRule Rule { get; set; }
    public AlertSeverity Severity { get; set; }
    public AlertState State { get; set; } = AlertState.New;
    public int? InstitutionId { get; set; }
    public string? EndUserCode { get; set; }
    /// <summary>The person queried, for rules about one person (protected, crowded).</summary>
    public string? DocumentNumber { get; set; }
    public string? ClientIp { get; set; }
    /// <summary>The Bolivian day the evidence belongs to.</summary>
    public DateOnly Day { get; set; }
    /// <summary>What happened, in Spanish, for the auditor.</summary>
    public required string Explanation { get; set; }
    /// <summary>How many audit records the rule counted.</summary>
    public int EvidenceCount { get; set; }
    /// <summary>Sequences of the audit records behind the alert (comma-separated, the first <see cref="MisuseAlertLimits.EvidenceSequences"/>).</summary>
    public string EvidenceSequences { get; set; } = "";
    public DateTime FirstRecordUtc { get; set; }
    public DateTime LastRecordUtc { get; set; }
    public string? AssignedTo { get; set; }
    public string? Conclusion { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

public static class MisuseAlertLimits
{
    public const int EvidenceSequences = 200;
    public const int ConclusionMin = 10;
    public const int ConclusionMax = 2000;
}

/// <summary>How far a background reader of the audit log has got; one row per reader.</summary>
public class DetectorPosition
{
    public required string Id { get; set; }
    public long LastSequence { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>A person whose every query raises a high-severity alert (kept by SEGIP administrators).</summary>
public class ProtectedPerson : ICreationStamped
{
    public int Id { get; set; }
    public required string DocumentNumber { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// The thresholds of one misuse rule as an auditor or SEGIP administrator set them in the app (values by
/// parameter name, JSON). A rule without a row uses the <c>Misuse</c> settings, which are the defaults.
/// </summary>
public class MisuseThreshold : IUpdateStamped
{
    public MisuseRule Rule { get; set; }
    public required string Values { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
