using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Web.Components.Shared;

namespace Segip.Consulta.Web.Components.Agreements;

/// <summary>What the legal officer types (dates as dd/mm/aaaa text); becomes an <see cref="AgreementInput"/>.</summary>
public sealed class AgreementFormModel
{
    public int? InstitutionId { get; set; }
    public string? Number { get; set; }
    public string? SignedOn { get; set; }
    public string? ValidFrom { get; set; }
    public string? ValidTo { get; set; }
    public int? AccessLevelId { get; set; }
    public bool Web { get; set; } = true;
    public bool WebService { get; set; }
    public int? MonthlyQuota { get; set; }
    public string? IpAllowlist { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }

    public static readonly string[] DateFields = [nameof(SignedOn), nameof(ValidFrom), nameof(ValidTo)];

    public string? DateText(string field) => field switch
    {
        nameof(SignedOn) => SignedOn,
        nameof(ValidFrom) => ValidFrom,
        _ => ValidTo,
    };

    public AgreementInput ToInput() => new()
    {
        InstitutionId = InstitutionId, Number = Number, SignedOn = Shared.DateText.Parse(SignedOn),
        ValidFrom = Shared.DateText.Parse(ValidFrom), ValidTo = Shared.DateText.Parse(ValidTo), AccessLevelId = AccessLevelId,
        Channels = (Web ? Channels.WEB : Channels.None) | (WebService ? Channels.SERVICIO_WEB : Channels.None),
        MonthlyQuota = MonthlyQuota, IpAllowlist = IpAllowlist, ContactName = ContactName, ContactEmail = ContactEmail,
    };

    public static AgreementFormModel From(AgreementInput a) => new()
    {
        InstitutionId = a.InstitutionId, Number = a.Number, SignedOn = Shared.DateText.Format(a.SignedOn),
        ValidFrom = Shared.DateText.Format(a.ValidFrom), ValidTo = Shared.DateText.Format(a.ValidTo), AccessLevelId = a.AccessLevelId,
        Web = a.Channels.HasFlag(Channels.WEB), WebService = a.Channels.HasFlag(Channels.SERVICIO_WEB),
        MonthlyQuota = a.MonthlyQuota, IpAllowlist = a.IpAllowlist, ContactName = a.ContactName, ContactEmail = a.ContactEmail,
    };
}
