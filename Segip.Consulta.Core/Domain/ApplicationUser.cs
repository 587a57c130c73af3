using Microsoft.AspNetCore.Identity;

namespace Segip.Consulta.Core.Domain;

public class ApplicationUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>Set for institution admins and officers.</summary>
    public int? InstitutionId { get; set; }
    /// <summary>Set for officers: the end user they query as.</summary>
    public int? EndUserId { get; set; }
    /// <summary>True for staff provisioned from the single sign-on provider.</summary>
    public bool IsExternal { get; set; }
}
