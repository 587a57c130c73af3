using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;

namespace Segip.Consulta.Web.Components.Audit;

/// <summary>The filter form's state: date pickers hold DateTime, the service wants Bolivian DateOnly days.</summary>
public sealed class AuditFilterModel
{
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public int? InstitutionId { get; set; }
    public int? AgreementId { get; set; }
    public string? EndUserCode { get; set; }
    public Channel? Channel { get; set; }
    public QueryType? QueryType { get; set; }
    public QueryResult? Result { get; set; }
    public string? DocumentNumber { get; set; }
    public string? PurposeText { get; set; }

    public AuditSearchFilter ToFilter() => new()
    {
        From = From is { } f ? DateOnly.FromDateTime(f) : null,
        To = To is { } t ? DateOnly.FromDateTime(t) : null,
        InstitutionId = InstitutionId, AgreementId = AgreementId, EndUserCode = EndUserCode, Channel = Channel,
        QueryType = QueryType, Result = Result, DocumentNumber = DocumentNumber, PurposeText = PurposeText,
    };
}
