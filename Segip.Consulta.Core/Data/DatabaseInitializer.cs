using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data;

/// <summary>Applies migrations and the reference data every installation needs (roles, standard levels).</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<ConsultaDbContext> contexts,
    DatabaseSettings settings,
    RoleManager<IdentityRole> roles,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        settings.CreateDataFolder();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Aplicando {Count} migraciones: {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }
        if (settings.IsSqlite)
        {
            // WAL lets readers run while the audit writer commits; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    public async Task SeedReferenceDataAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.AccessLevels.Select(l => l.Code).Distinct().ToListAsync(ct);
        var missing = StandardAccessLevels.Create().Where(l => !existing.Contains(l.Code)).ToList();
        if (missing.Count > 0)
        {
            db.AccessLevels.AddRange(missing);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>For /health/ready: the database answers and no migration is pending.</summary>
    public async Task<(bool Ready, string Detail)> CheckReadyAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (!await db.Database.CanConnectAsync(ct)) return (false, "La base de datos no responde.");
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            return pending.Any() ? (false, "Hay migraciones pendientes.") : (true, "Lista.");
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Fallo la verificación de disponibilidad");
            return (false, "La base de datos no responde.");
        }
    }
}
