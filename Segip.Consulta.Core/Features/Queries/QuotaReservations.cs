using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Segip.Consulta.Core.Common;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Features.Queries;

/// <summary>
/// Reserves units of an agreement's monthly quota in the database (<see cref="QuotaCounter"/>), one conditional
/// UPDATE per query: <c>SET Used = Used + 1 WHERE … AND Used &lt; limit</c>. The database serialises the updates of
/// one row, so however many app instances race, no more than the limit are ever reserved.
/// </summary>
/// <remarks>
/// A query refused after its reservation (invalid input, operation not allowed, consent missing) or failing gives
/// its unit back: institutions are charged for answered queries only, as the quota page counts them. A process
/// that dies between reserving and answering keeps its unit spent; the quota errs on the side of the limit.
/// Durability: every answered query's reservation commits before its audit record, whose durable commit flushes
/// the log up to and including it (PostgreSQL's WAL, SQLite's WAL file are sequential). So on SQLite the counter is
/// written with <c>synchronous=NORMAL</c> (no fsync of its own, which would cost every query one more disk flush);
/// a crash can only lose the reservations of queries that were never answered.
/// <para>
/// On SQLite and PostgreSQL the UPDATE is a statement prepared once per kept-open connection (<see cref="PreparedStatements"/>),
/// as the registry look-up and the audit writer do: through EF Core each reservation built and matched an expression
/// tree and set the pragma twice, 22 % of the CPU of a query with a quota (docs/performance.md). SQL Server keeps EF.
/// </para>
/// </remarks>
public sealed class QuotaReservations(IDbContextFactory<ConsultaDbContext> contexts, TimeProvider time, DatabaseSettings database)
    : IDisposable
{
    private readonly PreparedStatements increment = new(database,
        "UPDATE \"QuotaCounters\" SET \"Used\" = \"Used\" + 1 WHERE \"AgreementId\" = @agreement AND \"Period\" = @period AND \"Used\" < @limit",
        [new("@agreement", SqliteType.Integer, NpgsqlDbType.Integer), new("@period", SqliteType.Text, NpgsqlDbType.Varchar), new("@limit", SqliteType.Integer, NpgsqlDbType.Integer)],
        maxIdle: 16, onOpen: SynchronousNormalAsync);

    /// <summary>True when a unit was reserved; false when the month's quota is spent.</summary>
    public async Task<bool> TryReserveAsync(int agreementId, int limit, CancellationToken ct = default)
    {
        var period = Period();
        if (await IncrementAsync(agreementId, period, limit, ct)) return true;
        // No row yet this month, or the quota is spent. Create the row if missing (counting what the log holds already),
        // then try once more either way: a query that raced with another one creating the row found no row to update
        // a moment ago, and refusing it as CUOTA_AGOTADA then would be wrong (it answered 4 of a quota of 5 at a month's start).
        bool exists;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            exists = await db.QuotaCounters.AnyAsync(c => c.AgreementId == agreementId && c.Period == period, ct);
        if (!exists) await CreateAsync(agreementId, period, ct);
        return await IncrementAsync(agreementId, period, limit, ct);
    }

    /// <summary>Gives back a unit reserved by <see cref="TryReserveAsync"/> for a query that was not answered.</summary>
    public async Task ReleaseAsync(int agreementId, CancellationToken ct = default)
    {
        var period = Period();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.QuotaCounters.Where(c => c.AgreementId == agreementId && c.Period == period && c.Used > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, c => c.Used - 1), ct);
    }

    /// <summary>Units used this month, or null before the first query of the month created the counter.</summary>
    public async Task<int?> UsedAsync(int agreementId, CancellationToken ct = default)
    {
        var period = Period();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.QuotaCounters.Where(c => c.AgreementId == agreementId && c.Period == period)
            .Select(c => (int?)c.Used).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// What the quota charges, counted in the bitácora: answered queries (not refusals, not certificates) since the month
    /// began. Read through the agreement's institution's (InstitutionId, TimestampUtc) index: the log has no agreement index.
    /// </summary>
    internal static async Task<int> AnsweredInLogAsync(ConsultaDbContext db, int agreementId, DateTime monthStartUtc, CancellationToken ct)
    {
        if (await db.Agreements.AsNoTracking().Where(a => a.Id == agreementId).Select(a => (int?)a.InstitutionId)
                .FirstOrDefaultAsync(ct) is not { } institution) return 0;
        return await db.AuditRecords.CountAsync(r => r.InstitutionId == institution && r.AgreementId == agreementId && r.TimestampUtc >= monthStartUtc
            && r.Result != QueryResult.Refused && r.QueryType != QueryType.Certificate, ct);
    }

    private string Period() => BoliviaClock.Today(time).ToString("yyyy-MM");

    private async Task<bool> IncrementAsync(int agreementId, string period, int limit, CancellationToken ct)
    {
        if (!database.IsSqlite && !database.IsPostgres)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await Below(db, agreementId, period, limit).ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, c => c.Used + 1), ct) == 1;
        }
        // SQLite statements run synchronously underneath; the async overload would only add overhead.
        return await increment.RunAsync(async (command, sqlite) => (sqlite ? command.ExecuteNonQuery() : await command.ExecuteNonQueryAsync(ct)) == 1,
            ct, agreementId, period, limit);
    }

    /// <summary>The reservations' own connections write nothing else, so NORMAL (see the remarks) stays set for their life.</summary>
    private static async Task SynchronousNormalAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is not SqliteConnection) return;
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL";
        await pragma.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => increment.Dispose();

    private static IQueryable<QuotaCounter> Below(ConsultaDbContext db, int agreementId, string period, int limit) =>
        db.QuotaCounters.Where(c => c.AgreementId == agreementId && c.Period == period && c.Used < limit);

    /// <summary>
    /// The month's counter, starting from the answered queries already in the log (a database upgraded mid-month,
    /// or an agreement's first query). Two instances may both try: the key lets one insert win, the other is ignored.
    /// </summary>
    private async Task CreateAsync(int agreementId, string period, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var answered = await AnsweredInLogAsync(db, agreementId, BoliviaClock.MonthStartUtc(time), ct);
        db.QuotaCounters.Add(new QuotaCounter { AgreementId = agreementId, Period = period, Used = answered });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsDuplicateKey(ex))
        {
            // Another query or instance created it first; its row is the one every query now updates.
        }
    }

    /// <summary>The month's row already exists; any other failure (connection, deadlock) must not pass for it.</summary>
    private static bool IsDuplicateKey(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };
}
