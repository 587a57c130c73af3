using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Accounts;

/// <summary>Staff accounts by role: who a case or an alert may be assigned to.</summary>
public static class StaffAccounts
{
    /// <summary>The e-mail of every account holding one of <paramref name="roles"/>, in order.</summary>
    public static async Task<IReadOnlyList<string>> EmailsInRolesAsync(ConsultaDbContext db, string[] roles, CancellationToken ct)
    {
        var roleIds = db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null).OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);
    }
}
