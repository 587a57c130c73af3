using System.Globalization;
using NpgsqlTypes;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Audit;

/// <summary>
/// One stored column of <see cref="AuditRecord"/>: how the writers bind it, how the hash chain encodes it and
/// how the CSV export shows it. <see cref="AuditColumns.All"/> is the only list of the record's columns.
/// </summary>
public sealed class AuditColumn
{
    public required string Name { get; init; }
    /// <summary>PostgreSQL's type: a server-side prepared statement needs it fixed, NULLs included.</summary>
    public required NpgsqlDbType PostgresType { get; init; }
    /// <summary>The value as stored (<see cref="DBNull"/> for null); the flag is true on SQLite, which keeps GUIDs as text.</summary>
    public required Func<AuditRecord, bool, object> Value { get; init; }
    /// <summary>Writes the column into the canonical hash encoding; null for the hash itself.</summary>
    public Action<AuditRecord, CanonicalWriter>? Canonical { get; init; }
    /// <summary>The first encoding version (<see cref="AuditChainVersion"/>) that hashes this column.</summary>
    public int HashedSince { get; init; } = AuditChainVersion.Original;
    /// <summary>The CSV export's header (Spanish, for spreadsheets); null when the column is not exported.</summary>
    public string? CsvHeader { get; init; }
    /// <summary>The column's place in the CSV (the export's order predates this table; new columns go at the end).</summary>
    public int CsvOrder { get; init; }
    public Func<AuditRow, string?>? Csv { get; init; }
}

/// <summary>
/// The audit record's columns, in the order of the first hash encoding (new columns are only ever appended, so
/// every encoding version is a prefix-stable selection of this list). Drives the writer's INSERT and binding,
/// the hash chain, the CSV export and the bench seeder.
/// </summary>
public static class AuditColumns
{
    private static object Db(object? value) => value ?? DBNull.Value;
    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static readonly IReadOnlyList<AuditColumn> All =
    [
        new() { Name = "Sequence", PostgresType = NpgsqlDbType.Bigint, Value = (r, _) => r.Sequence, Canonical = (r, w) => w.Put(r.Sequence),
            CsvHeader = "Secuencia", CsvOrder = 0, Csv = r => Invariant(r.Sequence) },
        // EF Core's SQLite provider stores GUIDs as upper-case text; PostgreSQL and SQL Server have a native type.
        new() { Name = "ConsultaId", PostgresType = NpgsqlDbType.Uuid, Value = (r, sqlite) => sqlite ? r.QueryId.ToString().ToUpperInvariant() : r.QueryId,
            Canonical = (r, w) => w.Put(r.QueryId), CsvHeader = "Id. de consulta", CsvOrder = 16, Csv = r => r.QueryId.ToString() },
        new() { Name = "TimestampUtc", PostgresType = NpgsqlDbType.TimestampTz, Value = (r, _) => r.TimestampUtc, Canonical = (r, w) => w.Put(r.TimestampUtc.Ticks),
            CsvHeader = "Fecha y hora (Bolivia)", CsvOrder = 1, Csv = r => BoliviaClock.Format(r.TimestampUtc) },
        new() { Name = "InstitutionId", PostgresType = NpgsqlDbType.Integer, Value = (r, _) => Db(r.InstitutionId), Canonical = (r, w) => w.Put(r.InstitutionId),
            CsvHeader = "Institución", CsvOrder = 2, Csv = r => r.InstitutionName },
        new() { Name = "AgreementId", PostgresType = NpgsqlDbType.Integer, Value = (r, _) => Db(r.AgreementId), Canonical = (r, w) => w.Put(r.AgreementId),
            CsvHeader = "Convenio", CsvOrder = 3, Csv = r => r.AgreementNumber },
        new() { Name = "AccessLevelId", PostgresType = NpgsqlDbType.Integer, Value = (r, _) => Db(r.AccessLevelId), Canonical = (r, w) => w.Put(r.AccessLevelId) },
        new() { Name = "EndUserCode", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.EndUserCode), Canonical = (r, w) => w.Put(r.EndUserCode),
            CsvHeader = "Usuario final", CsvOrder = 4, Csv = r => r.EndUserCode },
        new() { Name = "Channel", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => r.Channel.ToCode(), Canonical = (r, w) => w.Put(r.Channel.ToCode()),
            CsvHeader = "Canal", CsvOrder = 5, Csv = r => r.Channel.ToCode() },
        new() { Name = "ClientIp", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.ClientIp), Canonical = (r, w) => w.Put(r.ClientIp),
            CsvHeader = "IP de origen", CsvOrder = 6, Csv = r => r.ClientIp },
        new() { Name = "QueryType", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => r.QueryType.ToCode(), Canonical = (r, w) => w.Put(r.QueryType.ToCode()),
            CsvHeader = "Tipo de consulta", CsvOrder = 7, Csv = r => r.QueryType.ToCode() },
        new() { Name = "SearchKeys", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => r.SearchKeys, Canonical = (r, w) => w.Put(r.SearchKeys),
            CsvHeader = "Datos consultados", CsvOrder = 8, Csv = r => r.SearchKeys },
        new() { Name = "DocumentNumber", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.DocumentNumber), Canonical = (r, w) => w.Put(r.DocumentNumber),
            CsvHeader = "Número de documento", CsvOrder = 9, Csv = r => r.DocumentNumber },
        new() { Name = "Purpose", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.Purpose), Canonical = (r, w) => w.Put(r.Purpose),
            CsvHeader = "Finalidad", CsvOrder = 10, Csv = r => r.Purpose },
        new() { Name = "ConsentReference", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.ConsentReference), Canonical = (r, w) => w.Put(r.ConsentReference),
            CsvHeader = "Referencia de consentimiento", CsvOrder = 11, Csv = r => r.ConsentReference },
        new() { Name = "Result", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => r.Result.ToCode(), Canonical = (r, w) => w.Put(r.Result.ToCode()),
            CsvHeader = "Resultado", CsvOrder = 12, Csv = r => r.Result.ToCode() },
        new() { Name = "RefusalReason", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.RefusalReason?.ToCode()), Canonical = (r, w) => w.Put(r.RefusalReason?.ToCode()),
            CsvHeader = "Motivo de rechazo", CsvOrder = 13, Csv = r => r.RefusalReason?.ToCode() },
        new() { Name = "DisclosedFields", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => r.DisclosedFields, Canonical = (r, w) => w.Put(r.DisclosedFields),
            CsvHeader = "Campos entregados", CsvOrder = 14, Csv = r => r.DisclosedFields },
        new() { Name = "CertificateNumber", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.CertificateNumber), Canonical = (r, w) => w.Put(r.CertificateNumber),
            CsvHeader = "Certificado", CsvOrder = 15, Csv = r => r.CertificateNumber },
        new() { Name = "CorrelationId", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.CorrelationId), Canonical = (r, w) => w.Put(r.CorrelationId),
            CsvHeader = "Id. de correlación", CsvOrder = 17, Csv = r => r.CorrelationId },
        new() { Name = "Hash", PostgresType = NpgsqlDbType.Bytea, Value = (r, _) => r.Hash, CsvHeader = "Hash", CsvOrder = 18, Csv = r => r.HashHex },
        // Version 2 from here on.
        new() { Name = "DocumentType", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.DocumentType?.ToCode()), Canonical = (r, w) => w.Put(r.DocumentType?.ToCode()),
            HashedSince = AuditChainVersion.WithSubjects, CsvHeader = "Tipo de documento", CsvOrder = 19, Csv = r => r.DocumentType?.ToCode() },
        new() { Name = "DocumentComplement", PostgresType = NpgsqlDbType.Varchar, Value = (r, _) => Db(r.DocumentComplement), Canonical = (r, w) => w.Put(r.DocumentComplement),
            HashedSince = AuditChainVersion.WithSubjects, CsvHeader = "Complemento", CsvOrder = 20, Csv = r => r.DocumentComplement },
        new() { Name = "AnswerSha256", PostgresType = NpgsqlDbType.Bytea, Value = (r, _) => Db(r.AnswerSha256), Canonical = (r, w) => w.Put(r.AnswerSha256),
            HashedSince = AuditChainVersion.WithSubjects, CsvHeader = "SHA-256 de la respuesta", CsvOrder = 21, Csv = r => r.AnswerSha256Hex },
        new() { Name = "HashVersion", PostgresType = NpgsqlDbType.Integer, Value = (r, _) => r.HashVersion, Canonical = (r, w) => w.Put(r.HashVersion),
            HashedSince = AuditChainVersion.WithSubjects, CsvHeader = "Versión de la codificación", CsvOrder = 22, Csv = r => Invariant(r.HashVersion) },
    ];

    public static readonly IReadOnlyList<string> Names = All.Select(c => c.Name).ToArray();

    /// <summary>The columns the CSV export writes, in order.</summary>
    public static readonly IReadOnlyList<AuditColumn> Csv = All.Where(c => c.CsvHeader is not null).OrderBy(c => c.CsvOrder).ToArray();

    private static readonly AuditColumn[][] HashedByVersion =
        Enumerable.Range(0, AuditChainVersion.Current + 1)
            .Select(v => All.Where(c => c.Canonical is not null && c.HashedSince <= v).ToArray())
            .ToArray();

    public static bool IsKnownVersion(int version) => version is >= AuditChainVersion.Original and <= AuditChainVersion.Current;

    /// <summary>The columns encoding <paramref name="version"/> hashes, in order.</summary>
    public static ReadOnlySpan<AuditColumn> Hashed(int version) =>
        IsKnownVersion(version) ? HashedByVersion[version] : throw new ArgumentOutOfRangeException(nameof(version), version, "Versión de codificación desconocida.");

    /// <summary>The subject table's columns, bound by the writer after each record's own insert.</summary>
    public static readonly IReadOnlyList<string> SubjectNames = ["AuditSequence", "PersonId", "Kind"];
    public static readonly NpgsqlDbType[] SubjectPostgresTypes = [NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Varchar];
}
