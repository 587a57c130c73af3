using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Segip.Consulta.Core.Data;

namespace Segip.Consulta.Core.Features.Registry;

/// <summary>Writes registry rows to SQL Server with prepared MERGE statements in transactions of <see cref="RegistryImporter.BatchRows"/> rows.</summary>
internal sealed class SqlServerRegistryWriter(string connectionString) : RowByRowRegistryWriter
{
    private readonly SqlConnection connection = new(connectionString);
    private DbTransaction? transaction;
    private DbCommand? person, document;
    private long rowsInTransaction, lastPersonId = -1;

    public override async Task BeginAsync(CancellationToken ct)
    {
        await connection.OpenAsync(ct);
        Begin();
    }

    protected override string? WriteRow(RegistryBatch batch, int r)
    {
        ref readonly var record = ref batch.Records[r];
        try
        {
            if (record.PersonId != lastPersonId)
            {
                var v = person!.Parameters;
                v[0].Value = record.PersonId;
                for (var slot = 1; slot <= 13; slot++) v[slot].Value = batch.IsNull(r, slot) ? DBNull.Value : batch.Text(r, slot);
                v[5].Value = Date(batch, r, 5);
                v[14].Value = record.IsDeceased;
                v[15].Value = Date(batch, r, 15);
                v[16].Value = batch.Text(r, RegistryBatch.SearchNameSlot);
                person.ExecuteNonQuery();
                lastPersonId = record.PersonId;
            }
            var d = document!.Parameters;
            d[0].Value = record.DocumentId;
            d[1].Value = record.PersonId;
            for (var slot = 17; slot <= 24; slot++) d[slot - 15].Value = batch.IsNull(r, slot) ? DBNull.Value : batch.Text(r, slot);
            d[6].Value = Date(batch, r, 21);
            d[7].Value = Date(batch, r, 22);
            document.ExecuteNonQuery();
        }
        catch (SqlException ex) when (ex.Number is 2601 or 2627 or 547)
        {
            // Only this statement is undone; the rest of the transaction goes on.
            lastPersonId = -1;
            return ConstraintReason;
        }
        if (++rowsInTransaction >= RegistryImporter.BatchRows)
        {
            Commit();
            Begin();
        }
        return null;
    }

    public override Task CompleteAsync(Action<string> stage, CancellationToken ct)
    {
        stage("confirmando");
        Commit();
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        DisposeCommands();
        if (transaction is not null) await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private void Begin()
    {
        transaction = connection.BeginTransaction();
        person = SqlCommands.Prepare(connection, transaction, Merge("Persons", PersonColumns, ["Id"]), PersonColumns);
        document = SqlCommands.Prepare(connection, transaction, Merge("IdentityDocuments", DocumentColumns, ["Number", "Type", "Complement"]), DocumentColumns);
        rowsInTransaction = 0;
        lastPersonId = -1;
    }

    private void Commit()
    {
        DisposeCommands();
        transaction!.Commit();
        transaction.Dispose();
        transaction = null;
    }

    private void DisposeCommands()
    {
        person?.Dispose();
        document?.Dispose();
        person = document = null;
    }

    private static object Date(RegistryBatch batch, int r, int slot) =>
        batch.IsNull(r, slot) ? DBNull.Value : DateOnly.ParseExact(batch.Text(r, slot)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>MERGE on the natural key: updates the row that has it, or inserts a new one.</summary>
    private static string Merge(string table, string[] columns, string[] key)
    {
        var updatable = columns.Where(c => c != "Id" && !key.Contains(c)).ToArray();
        return $"MERGE {table} WITH (HOLDLOCK) AS t USING (SELECT {string.Join(", ", columns.Select(c => $"@{c} AS {c}"))}) AS s " +
               $"ON {string.Join(" AND ", key.Select(k => $"t.{k} = s.{k}"))} " +
               $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", updatable.Select(c => $"{c} = s.{c}"))} " +
               $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "s." + c))});";
    }
}
