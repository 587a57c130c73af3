namespace Segip.Consulta.Core.Features.Registry;

/// <summary>Writes parsed registry rows to one database provider (<see cref="SqliteRegistryWriter"/>, <see cref="PostgresRegistryWriter"/>, <see cref="SqlServerRegistryWriter"/>).</summary>
internal abstract class RegistryWriter : IAsyncDisposable
{
    public const string ConstraintReason =
        "El documento o la persona choca con otro registro existente (idDocumento o idPersona repetido con otros datos).";

    /// <summary>Person columns in parameter order; see each writer for which batch slot feeds which.</summary>
    protected static readonly string[] PersonColumns =
    [
        "Id", "FirstNames", "FirstSurname", "SecondSurname", "MarriedSurname", "BirthDate", "Sex", "Nationality", "BirthPlace",
        "CivilStatus", "Profession", "Address", "FatherName", "MotherName", "IsDeceased", "DeceasedOn", "SearchName",
    ];

    protected static readonly string[] DocumentColumns =
    [
        "Id", "PersonId", "Type", "Number", "Complement", "Department", "IssuedOn", "ExpiresOn", "Status", "LicenceCategory",
    ];

    /// <summary>Opens the connection and the first transaction.</summary>
    public abstract Task BeginAsync(CancellationToken ct);

    /// <summary>Writes every valid row of the batch, setting <see cref="RegistryRecord.Error"/> on the rows the database refuses.</summary>
    public abstract void Write(RegistryBatch batch);

    /// <summary>Finishes the load (commits, rebuilds what it set aside). <paramref name="stage"/> names each long step.</summary>
    public abstract Task CompleteAsync(Action<string> stage, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A writer that sends the rows one statement at a time (SQLite, SQL Server).</summary>
internal abstract class RowByRowRegistryWriter : RegistryWriter
{
    public override void Write(RegistryBatch batch)
    {
        for (var r = 0; r < batch.Count; r++)
        {
            if (batch.Records[r].Error is null) batch.Records[r].Error = WriteRow(batch, r);
        }
    }

    /// <summary>
    /// Upserts the row's person (unless the previous row wrote the same one) and its document, committing
    /// every so many rows; returns why the row was rejected, or null.
    /// </summary>
    protected abstract string? WriteRow(RegistryBatch batch, int record);
}
