using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Bench.MisuseSim;

public enum Profile { Banco, Telecom, Electoral, Ministerio, Otra }

/// <summary>An end user of a simulated institution and its ordinary day.</summary>
public sealed record SimUser(int InstitutionId, string Acronym, string Code, Profile Profile, double DailyMean, string[] Purposes, string Ip);

/// <summary>The simulated institutions, their end users and the protected persons.</summary>
public sealed record World(IReadOnlyList<SimUser> Users, IReadOnlyList<string> ProtectedDocuments)
{
    private static readonly Dictionary<Profile, string[]> PurposesOf = new()
    {
        [Profile.Banco] = ["Apertura de cuenta de ahorro", "Evaluación de crédito de consumo", "Crédito de vivienda social", "Actualización de datos del cliente", "Verificación de identidad en ventanilla"],
        [Profile.Telecom] = ["Alta de línea móvil postpago", "Portabilidad numérica", "Registro de línea prepago", "Cambio de titular del servicio"],
        [Profile.Electoral] = ["Depuración del padrón electoral", "Verificación de inscripción de votante", "Control de duplicados del padrón"],
        [Profile.Ministerio] = ["Trámite de jubilación", "Pago de bono de apoyo social", "Contratación de personal eventual", "Registro de beneficiario de programa"],
        [Profile.Otra] = ["Afiliación a la caja de salud", "Registro de socio de cooperativa", "Verificación de garante"],
    };

    public static async Task<World> CreateAsync(IDbContextFactory<ConsultaDbContext> contexts, int count, int seed)
    {
        var random = new Random(seed);
        await using var db = await contexts.CreateDbContextAsync();
        var users = new List<SimUser>();
        for (var i = 1; i <= count; i++)
        {
            var profile = i == 1 ? Profile.Electoral : (i % 10) switch { < 4 => Profile.Banco, < 6 => Profile.Telecom, < 8 => Profile.Ministerio, _ => Profile.Otra };
            var acronym = $"{profile.ToString().ToUpperInvariant()[..3]}{i:000}";
            var institution = new Institution
            {
                Name = $"{profile} simulada {i:000}", Acronym = acronym,
                Type = profile switch { Profile.Banco => InstitutionType.Financiera, Profile.Telecom => InstitutionType.Telecomunicaciones, Profile.Otra => InstitutionType.Otra, _ => InstitutionType.Publica },
            };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            var endUsers = profile switch { Profile.Banco => 8, Profile.Telecom => 6, Profile.Electoral => 10, _ => 4 } + random.Next(4);
            for (var u = 1; u <= endUsers; u++)
            {
                var purposes = PurposesOf[profile].OrderBy(_ => random.Next()).Take(2 + random.Next(2)).ToArray();
                users.Add(new SimUser(institution.Id, acronym, $"{acronym}-{u:000}", profile, 0, purposes, $"10.{i}.0.{u}"));
            }
        }
        var protectedDocs = Enumerable.Range(0, 20).Select(_ => random.Next(1_000_000, 9_999_999).ToString()).ToList();
        return new World(users, protectedDocs);
    }
}
