using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Tests.Fixtures;

/// <summary>Small reads of the running app's database for assertions.</summary>
public static class AppData
{
    public static async Task<int> InstitutionIdAsync(this AppFactory app, string name)
    {
        await using var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.Institutions.Where(i => i.Name == name).Select(i => i.Id).SingleAsync();
    }

    public static async Task<int> InstitutionIdOfClientAsync(this AppFactory app, string clientId)
    {
        await using var db = await app.Get<IDbContextFactory<ConsultaDbContext>>().CreateDbContextAsync();
        return await db.Credentials.Where(c => c.ClientId == clientId).Select(c => c.InstitutionId).SingleAsync();
    }
}
