using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>
/// A query as any channel receives it. Text is kept as typed; <see cref="Normalized"/> trims it and
/// upper-cases the codes before validation. Settable so the web query form binds to it directly.
/// </summary>
public sealed record QueryRequest
{
    public QueryType Type { get; set; } = QueryType.Document;
    public string? DocumentType { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Complement { get; set; }
    public string? FirstNames { get; set; }
    public string? FirstSurname { get; set; }
    public string? SecondSurname { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Purpose { get; set; }
    public string? ConsentReference { get; set; }

    public QueryRequest Normalized() => this with
    {
        DocumentType = Clean(DocumentType)?.ToUpperInvariant(),
        DocumentNumber = Clean(DocumentNumber),
        Complement = Clean(Complement)?.ToUpperInvariant(),
        FirstNames = Clean(FirstNames),
        FirstSurname = Clean(FirstSurname),
        SecondSurname = Clean(SecondSurname),
        Purpose = Clean(Purpose),
        ConsentReference = Clean(ConsentReference),
    };

    public DocumentType? ParsedDocumentType =>
        ContractCodes.TryParseCode<DocumentType>(DocumentType, out var t) ? t : null;

    /// <summary>The keys as the audit log shows them, e.g. "CI 1234567-1A" or "NOMBRE PEREZ JUAN 1985-03-14".</summary>
    public string DescribeKeys()
    {
        var text = Type switch
        {
            QueryType.Name => $"NOMBRE {FirstNames} {FirstSurname} {SecondSurname} {BirthDate:yyyy-MM-dd}".Replace("  ", " ").Trim(),
            _ => $"{DocumentType} {DocumentNumber}{(string.IsNullOrEmpty(Complement) ? "" : "-" + Complement)}".Trim(),
        };
        if (Type == QueryType.Verification)
        {
            var claims = ClaimedFields();
            if (claims.Count > 0) text += " [" + string.Join(",", claims) + "]";
        }
        return text.Length > 300 ? text[..300] : text;
    }

    /// <summary>For verification: the field codes the caller claimed a value for.</summary>
    public IReadOnlyList<string> ClaimedFields()
    {
        var list = new List<string>(4);
        if (!string.IsNullOrEmpty(FirstNames)) list.Add(FieldCatalog.Nombres);
        if (!string.IsNullOrEmpty(FirstSurname)) list.Add(FieldCatalog.PrimerApellido);
        if (!string.IsNullOrEmpty(SecondSurname)) list.Add(FieldCatalog.SegundoApellido);
        if (BirthDate is not null) list.Add(FieldCatalog.FechaNacimiento);
        return list;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Who is asking: resolved by the channel (web login or web-service credential) before the gate.</summary>
public sealed record QueryCaller
{
    public required Channel Channel { get; init; }
    /// <summary>Null when the caller could not be authenticated; the gate then refuses.</summary>
    public int? InstitutionId { get; init; }
    public string? EndUserCode { get; init; }
    public string? ClientIp { get; init; }
    public string? CorrelationId { get; init; }
}
