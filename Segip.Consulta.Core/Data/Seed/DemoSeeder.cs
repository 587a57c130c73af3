using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Credentials;
using Segip.Consulta.Core.Features.Registry;

namespace Segip.Consulta.Core.Data.Seed;

/// <summary>
/// Seeds the Development fixtures of docs/contract.md and docs/operations.md. Every step checks what is
/// already there, so running it again changes nothing; the synthetic registry is topped up to the
/// configured size in bulk.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<ConsultaDbContext> contexts,
    UserManager<ApplicationUser> users,
    CredentialHasher hasher,
    RegistryBulkWriter bulk,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(SeedOptions options, CancellationToken ct = default)
    {
        await SeedInstitutionsAsync(ct);
        await SeedAccountsAsync();
        await SeedRegistryAsync(options, ct);
    }

    /// <summary>Only the persons (fixtures and the synthetic registry): what the sandbox always has.</summary>
    public async Task SeedRegistryAsync(SeedOptions options, CancellationToken ct = default)
    {
        await SeedFixturePersonsAsync(ct);
        await SeedSyntheticRegistryAsync(options.Persons, ct);
    }

    private async Task SeedInstitutionsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Institutions.AnyAsync(i => i.Name == DemoAccounts.BankName, ct)) return;

        var now = time.GetUtcNow().UtcDateTime;
        var today = BoliviaClock.Today(time);
        var levels = await db.AccessLevels.Where(l => l.IsCurrent).ToDictionaryAsync(l => l.Code, ct);
        // The TSE fixture needs name search at level COMPLETO (docs/contract.md).
        levels[StandardAccessLevels.Completo].AllowsNameSearch = true;

        var bank = NewInstitution(DemoAccounts.BankName, "BDEMO", InstitutionType.Financiera, "1020304050");
        var tse = NewInstitution(DemoAccounts.TseName, "TSE", InstitutionType.Publica, "1000000001");
        var expired = NewInstitution(DemoAccounts.ExpiredName, "CDV", InstitutionType.Financiera, "3040506070");
        db.Institutions.AddRange(bank, tse, expired);

        var validFrom = new DateOnly(today.Year - 1, 1, 1);
        var validTo = new DateOnly(today.Year + 2, 12, 31);
        bank.Agreements.Add(NewAgreement("CONV-DEMO-0001", levels[StandardAccessLevels.Basico], validFrom, validTo, AgreementStatus.InForce));
        tse.Agreements.Add(NewAgreement("CONV-DEMO-0002", levels[StandardAccessLevels.Completo], validFrom, validTo, AgreementStatus.InForce));
        expired.Agreements.Add(NewAgreement("CONV-DEMO-0003", levels[StandardAccessLevels.Basico],
            new DateOnly(today.Year - 3, 1, 1), new DateOnly(today.Year - 1, 12, 31), AgreementStatus.Expired));

        bank.EndUsers.Add(NewEndUser("BD-001", "4455667", "ANA LUCÍA ROJAS VARGAS", "Oficial de créditos", true));
        bank.EndUsers.Add(NewEndUser("BD-002", "5566778", "PEDRO ÁLVAREZ CHOQUE", "Cajero", false));
        tse.EndUsers.Add(NewEndUser("TSE-001", "6677889", "MARCO ANTONIO QUISPE LIMACHI", "Técnico de padrón", true));
        expired.EndUsers.Add(NewEndUser("VEN-001", "7788990", "LUIS FERNANDO MENDOZA COPA", "Oficial de plataforma", true));

        bank.Credentials.Add(NewCredential("demo-banco", "Demo-Banco-2026", now));
        tse.Credentials.Add(NewCredential("demo-tse", "Demo-Tse-2026", now));
        expired.Credentials.Add(NewCredential("demo-vencido", "Demo-Vencido-2026", now));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Datos de demostración: instituciones, convenios, usuarios finales y credenciales creados");
    }

    private async Task SeedAccountsAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        foreach (var (email, fullName, role, institutionName, endUserCode) in DemoAccounts.All)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var institution = institutionName is null ? null : await db.Institutions.SingleAsync(i => i.Name == institutionName);
            var endUser = endUserCode is null ? null : await db.EndUsers.SingleAsync(u => u.InstitutionId == institution!.Id && u.Code == endUserCode);
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                FullName = fullName,
                InstitutionId = institution?.Id,
                EndUserId = endUser?.Id,
                LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, DemoAccounts.Password), email);
            Check(await users.AddToRoleAsync(user, role), email);
        }
    }

    private async Task SeedFixturePersonsAsync(CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.Persons.AnyAsync(p => p.Id == 1, ct)) return;
        }
        await bulk.InsertAsync(DemoPersons.Create(), ct: ct);
    }

    private async Task SeedSyntheticRegistryAsync(int target, CancellationToken ct)
    {
        long existing;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            existing = await db.Persons.LongCountAsync(p => p.Id >= RegistryGenerator.FirstSyntheticPersonId, ct);
        }
        if (existing >= target) return;
        var started = time.GetTimestamp();
        var added = await bulk.InsertAsync(RegistryGenerator.Generate(target).Skip((int)existing), ct: ct);
        logger.LogInformation("Registro sintético: {Added} personas agregadas en {Elapsed}", added, time.GetElapsedTime(started));
    }

    private static Institution NewInstitution(string name, string acronym, InstitutionType type, string nit) => new()
    {
        Name = name, Acronym = acronym, Type = type, Nit = nit, Address = "La Paz, Bolivia",
        ContactName = "Responsable de convenios", ContactEmail = $"convenios@{acronym.ToLowerInvariant()}.demo",
    };

    private static Agreement NewAgreement(string number, AccessLevel level, DateOnly from, DateOnly to, AgreementStatus status) => new()
    {
        Number = number, SignedOn = from.AddDays(-10), ValidFrom = from, ValidTo = to, AccessLevel = level,
        Channels = Channels.Web | Channels.WebService, Status = status,
    };

    private static EndUser NewEndUser(string code, string ci, string name, string position, bool enabled) => new()
    {
        Code = code, DocumentNumber = ci, FullName = name, Position = position, IsEnabled = enabled,
        DisabledReason = enabled ? null : "Usuario dado de baja por la institución (demo).",
        Email = $"{code.ToLowerInvariant()}@demo.bo",
    };

    private ApiCredential NewCredential(string clientId, string secret, DateTime now) => new()
    {
        ClientId = clientId, SecretHash = hasher.Hash(secret), Description = "Credencial de demostración",
        IssuedUtc = now,
    };

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"No se pudo crear la cuenta de demostración {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
