using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Agreements;

public sealed record AgreementSearch : PageRequest
{
    public string? Text { get; init; }
    public AgreementStatus? Status { get; init; }
    public int? InstitutionId { get; init; }
}

public sealed record AgreementRow(int Id, string Number, int InstitutionId, string InstitutionName, AgreementStatus Status,
    DateOnly ValidFrom, DateOnly ValidTo, string LevelCode, int LevelVersion, bool HasDocument);

public sealed record AmendmentView(int Id, string Number, DateOnly SignedOn, string? Description,
    string? NewLevel, DateOnly? NewValidTo, int? NewMonthlyQuota, Channels? NewChannels, DocumentInfo? Document, DateTime CreatedUtc);

/// <param name="AllowedActions">What the reading actor may do to the agreement now (<see cref="AgreementActions"/>).</param>
public sealed record AgreementDetail(int Id, string InstitutionName, AgreementInput Data, AgreementStatus Status, string? StatusReason,
    string LevelCode, int LevelVersion, string LevelName, bool LevelIsCurrent, DocumentInfo? Document,
    IReadOnlyList<AmendmentView> Amendments, DateTime CreatedUtc, DateTime UpdatedUtc, IReadOnlySet<AgreementAction> AllowedActions)
{
    /// <summary>Reserved by law: its queries are not shown to the persons queried (see <see cref="Domain.Agreement.IsReserved"/>).</summary>
    public bool IsReserved { get; init; }
    public string? ReservedBasis { get; init; }
    /// <summary>Whether the reader may mark or lift the reservation (the legal directorate, whatever the status).</summary>
    public bool CanChangeReservation { get; init; }
}

/// <summary>A row of the "convenios por vencer" dashboard card.</summary>
public sealed record ExpiringAgreement(int Id, string Number, string InstitutionName, DateOnly ValidTo, int DaysLeft);

/// <summary>Spanish labels for agreement statuses and channels.</summary>
public static class AgreementLabels
{
    public static string Status(AgreementStatus status) => status switch
    {
        AgreementStatus.Draft => "Borrador",
        AgreementStatus.InForce => "Vigente",
        AgreementStatus.Suspended => "Suspendido",
        AgreementStatus.Expired => "Vencido",
        _ => "Rescindido",
    };

    public static string Channels(Channels channels) => channels switch
    {
        Domain.Channels.Web => "Web",
        Domain.Channels.WebService => "Servicio web",
        Domain.Channels.Web | Domain.Channels.WebService => "Web y servicio web",
        _ => "Ninguno",
    };

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy");
}
