using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>A disclosed field and its value (string, bool, date text or base64 image).</summary>
public sealed record DisclosedField(string Code, object? Value);

/// <summary>One person in an answer, already projected onto the level's fields.</summary>
public sealed record DisclosedPerson(
    DocumentType DocumentType, string DocumentNumber, string Complement, IReadOnlyList<DisclosedField> Fields)
{
    public object? this[string code] => Fields.FirstOrDefault(f => f.Code == code)?.Value;
    public bool Has(string code) => Fields.Any(f => f.Code == code);
}

/// <summary>
/// What the gate answers. Every outcome, refusals included, has been committed to the audit log
/// before it is returned.
/// </summary>
public sealed record QueryOutcome
{
    public required Guid QueryId { get; init; }
    public required long AuditSequence { get; init; }
    public required DateTime TimestampUtc { get; init; }
    public required QueryType Type { get; init; }
    public required QueryResult Result { get; init; }
    public RefusalReason? Refusal { get; init; }
    public string? RefusalMessage { get; init; }
    /// <summary>For <see cref="RefusalReason.InvalidRequest"/>: contract field name → messages.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
    public string? AccessLevelCode { get; init; }
    public IReadOnlyList<string> DisclosedFields { get; init; } = [];
    /// <summary>Document queries: the person found. Name queries: every match (at most 10).</summary>
    public IReadOnlyList<DisclosedPerson> Persons { get; init; } = [];
    /// <summary>Verification: per claimed field, whether it matches.</summary>
    public IReadOnlyDictionary<string, bool>? Matches { get; init; }
    /// <summary>Verification: the document status (always disclosed at level 1).</summary>
    public DocumentStatus? DocumentStatus { get; init; }

    public bool IsRefused => Result == QueryResult.Refused;
    public DisclosedPerson? Person => Persons.Count > 0 ? Persons[0] : null;
}
