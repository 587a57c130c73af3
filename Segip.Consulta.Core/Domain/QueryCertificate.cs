namespace Segip.Consulta.Core.Domain;

public class QueryCertificate
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public required string VerificationCode { get; set; }
    public Guid QueryId { get; set; }
    public int InstitutionId { get; set; }
    public DateTime IssuedUtc { get; set; }
    public string? IssuedBy { get; set; }
    public QueryType QueryType { get; set; }
    public QueryResult Result { get; set; }
    public string? PdfSha256 { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedReason { get; set; }
}
