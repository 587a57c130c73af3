using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.AccessLevels;
using Segip.Consulta.Core.Features.Accounts;
using Segip.Consulta.Core.Features.Agreements;
using Segip.Consulta.Core.Features.Certificates;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Core.Features.EndUsers;
using Segip.Consulta.Core.Features.Institutions;
using Segip.Consulta.Core.Features.Misuse;

namespace Segip.Consulta.Web.Components.ChangeHistory;

/// <summary>The change history's record types as people name them, and where each record can be opened.</summary>
public static class ChangeEntities
{
    public static string Label(string? type) => type switch
    {
        null => "",
        AgreementService.EntityType => "Convenio",
        InstitutionService.EntityType => "Institución",
        AccessLevelService.EntityType => "Nivel de acceso",
        EndUserService.EntityType => "Usuario final",
        CredentialService.EntityType => "Credencial del servicio web",
        CertificateService.EntityType => "Certificado",
        SignInHistory.EntityType => "Cuenta",
        MisuseThresholdService.EntityType => "Umbral de alerta",
        Core.Features.Disputes.DisputeService.EntityType => "Reclamo ciudadano",
        _ => ChangeDiff.Label(type),
    };

    /// <summary>The entity's page, when the viewer may open it; null otherwise (the identifier stays plain text).</summary>
    public static string? Link(Actor? actor, string type, string id)
    {
        if (actor is null) return null;
        // Auditors read institutions, agreements and levels too (read-only pages), so their identifiers link as well.
        var reads = actor.CanReadAgreements();
        return type switch
        {
            AgreementService.EntityType when reads && int.TryParse(id, out _) => $"/convenios/{id}",
            InstitutionService.EntityType when reads && int.TryParse(id, out _) => $"/instituciones/{id}",
            AccessLevelService.EntityType when reads => "/niveles",
            MisuseThresholdService.EntityType when actor.CanEditMisuseThresholds() => "/alertas/umbrales",
            Core.Features.Disputes.DisputeService.EntityType when actor.CanReadCases() && long.TryParse(id, out _) => $"/casos/{id}",
            CertificateService.EntityType when actor.CanAdminister() => $"/administracion/certificados?q={Uri.EscapeDataString(id)}",
            _ => null,
        };
    }
}
