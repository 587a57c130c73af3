using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Features.Registry;

namespace Segip.Consulta.Core.Features.Sandbox;

/// <summary>
/// The sandbox's guard against real data: every person in the database must be one the app itself makes
/// (the fixture persons of <see cref="DemoPersons"/> or the deterministic <see cref="RegistryGenerator"/>), compared
/// by id, search name and birth date. A copy of the real registry (or one real person added) is found.
/// </summary>
public sealed class SyntheticRegistryCheck(IDbContextFactory<ConsultaDbContext> contexts)
{
    /// <summary>A description of the first person that is not synthetic, or null when all are.</summary>
    public async Task<string?> FindRealPersonAsync(CancellationToken ct = default)
    {
        var fixtures = DemoPersons.Create().ToDictionary(p => p.Id);
        using var generated = RegistryGenerator.Generate(int.MaxValue).GetEnumerator();
        var hasGenerated = generated.MoveNext();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.SearchName, p.BirthDate }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            Domain.Person? expected;
            if (row.Id < RegistryGenerator.FirstSyntheticPersonId)
                expected = fixtures.GetValueOrDefault(row.Id);
            else
            {
                // Both sequences ascend by id: advance the generator to this row's id.
                while (hasGenerated && generated.Current.Id < row.Id) hasGenerated = generated.MoveNext();
                expected = hasGenerated && generated.Current.Id == row.Id ? generated.Current : null;
            }
            if (expected is null || expected.SearchName != row.SearchName || expected.BirthDate != row.BirthDate)
                return $"la persona {row.Id} no pertenece al registro sintético";
        }
        return null;
    }
}
