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

    /// <summary>The form showing a filter read from the page's address (Back, reload, a shared link).</summary>
    public static AuditFilterModel Of(AuditSearchFilter f) => new()
    {
        From = f.From?.ToDateTime(TimeOnly.MinValue), To = f.To?.ToDateTime(TimeOnly.MinValue),
        InstitutionId = f.InstitutionId, AgreementId = f.AgreementId, EndUserCode = f.EndUserCode, Channel = f.Channel,
        QueryType = f.QueryType, Result = f.Result, DocumentNumber = f.DocumentNumber, PurposeText = f.PurposeText,
    };

    public AuditSearchFilter ToFilter() => new()
    {
        From = From is { } f ? DateOnly.FromDateTime(f) : null,
        To = To is { } t ? DateOnly.FromDateTime(t) : null,
        InstitutionId = InstitutionId, AgreementId = AgreementId, EndUserCode = EndUserCode, Channel = Channel,
        QueryType = QueryType, Result = Result, DocumentNumber = DocumentNumber, PurposeText = PurposeText,
    };
}
