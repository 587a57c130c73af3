using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>
/// Inserts persons with their documents and biometrics through prepared ADO.NET commands in large
/// transactions: tens of thousands of rows a second, where EF change tracking would manage hundreds.
/// </summary>
public sealed class RegistryBulkWriter(IDbContextFactory<ConsultaDbContext> contexts)
{
    private static readonly string[] PersonColumns =
    [
        "Id", "FirstNames", "FirstSurname", "SecondSurname", "MarriedSurname", "BirthDate", "Sex", "Nationality",
        "BirthPlace", "CivilStatus", "Profession", "Address", "FatherName", "MotherName", "IsDeceased", "DeceasedOn", "SearchName",
    ];

    private static readonly string[] DocumentColumns =
    [
        "Id", "PersonId", "Type", "Number", "Complement", "Department", "IssuedOn", "ExpiresOn", "Status", "LicenceCategory",
    ];

    private static readonly string[] BiometricColumns = ["PersonId", "Photo", "Signature"];

    public async Task<int> InsertAsync(IEnumerable<Person> persons, int batchSize = 20_000, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        var total = 0;
        using var enumerator = persons.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            await using var personCmd = SqlCommands.Prepare(conn, tx, SqlCommands.Insert("Persons", PersonColumns), PersonColumns);
            await using var docCmd = SqlCommands.Prepare(conn, tx, SqlCommands.Insert("IdentityDocuments", DocumentColumns), DocumentColumns);
            await using var bioCmd = SqlCommands.Prepare(conn, tx, SqlCommands.Insert("PersonBiometrics", BiometricColumns), BiometricColumns);
            for (var n = 0; n < batchSize && more; n++, more = enumerator.MoveNext())
            {
                var p = enumerator.Current;
                Bind(personCmd, p.Id, p.FirstNames, p.FirstSurname, p.SecondSurname, p.MarriedSurname, p.BirthDate, p.Sex,
                    p.Nationality, p.BirthPlace, p.CivilStatus, p.Profession, p.Address, p.FatherName, p.MotherName,
                    p.IsDeceased, p.DeceasedOn, p.SearchName);
                await personCmd.ExecuteNonQueryAsync(ct);
                foreach (var d in p.Documents)
                {
                    Bind(docCmd, d.Id, p.Id, d.Type.ToCode(), d.Number, d.Complement, d.Department.ToCode(), d.IssuedOn,
                        d.ExpiresOn, d.Status.ToCode(), d.LicenceCategory);
                    await docCmd.ExecuteNonQueryAsync(ct);
                }
                if (p.Biometrics is { } b)
                {
                    Bind(bioCmd, p.Id, b.Photo, b.Signature);
                    await bioCmd.ExecuteNonQueryAsync(ct);
                }
                total++;
            }
            await tx.CommitAsync(ct);
        }
        return total;
    }

    private static void Bind(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
