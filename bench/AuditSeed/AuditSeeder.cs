using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using SQLitePCL;

namespace Segip.Consulta.Bench.AuditSeed;

public sealed record AuditSeedPlan(long Records, int Institutions, int Years, int RandomSeed);

/// <summary>
/// A fresh database with the app's schema (its own migrations), <c>Institutions</c> institutions with one
/// agreement in force and twenty end users each, and <c>Records</c> audit records over the last <c>Years</c>
/// years (each answer that found someone linked to that person in <c>AuditSubjects</c>), chained with <see cref="AuditChain.ComputeHash"/> so <c>verify-audit</c> passes.
/// <para>
/// Bench-only shortcuts, never acceptable for the app's own writes: journal and fsync off, and the
/// AuditRecords secondary indexes dropped during the load and rebuilt from their own DDL afterwards
/// (one sort per index instead of ten million random B-tree inserts).
/// </para>
/// </summary>
public static partial class AuditSeeder
{
    private const int EndUsersPerInstitution = 20;
    private const int RowsPerTransaction = 200_000;
    private const int ChunkSize = 1024;
    /// <summary>A person every search measurement can ask about: queried once every 333 333 records.</summary>
    public const string KnownDocument = "1234567";

    private static readonly string[] Purposes =
    [
        "Apertura de cuenta de ahorro", "Apertura de cuenta corriente", "Crédito de consumo", "Crédito de vivienda",
        "Verificación de cliente", "Actualización de datos del cliente", "Cobranza de cartera en mora",
        "Depuración del padrón electoral", "Trámite de jubilación", "Contratación de personal",
        "Alta de línea telefónica", "Proceso judicial en curso",
    ];

    private static readonly string[] Kinds = ["Banco", "Cooperativa", "Mutual", "Ministerio", "Gobierno Autónomo Municipal", "Empresa de Telecomunicaciones", "Caja de Salud", "Fondo Financiero"];
    private static readonly string[] Places = ["La Paz", "Cochabamba", "Santa Cruz", "Oruro", "Potosí", "Chuquisaca", "Tarija", "Beni", "Pando", "El Alto", "Andino", "Oriental", "Nacional"];

    private sealed record Party(int InstitutionId, int AgreementId, int AccessLevelId, string Acronym);

    public static async Task RunAsync(IServiceProvider services, string path, AuditSeedPlan options)
    {
        var started = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var parties = await SchemaAndInstitutionsAsync(services, options, now, started);
        SqliteConnection.ClearAllPools();

        await using var conn = new SqliteConnection($"Data Source={path}");
        await conn.OpenAsync();
        Exec(conn, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-524288;");
        var indexes = new List<(string Name, string Sql)>();
        using (var list = conn.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('AuditRecords', 'AuditSubjects') AND sql IS NOT NULL";
            using var r = list.ExecuteReader();
            while (r.Read()) indexes.Add((r.GetString(0), r.GetString(1)));
        }
        foreach (var (name, _) in indexes) Exec(conn, $"DROP INDEX \"{name}\";");

        var load = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Load(conn, parties, options, now);
        var loadSeconds = load.Elapsed.TotalSeconds;
        // CPU time too: on a shared machine the wall clock says more about the neighbours than about the load.
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{options.Records:N0} registros encadenados en {loadSeconds:N1} s ({options.Records / loadSeconds:N0} registros/s; " +
            $"{cpuSeconds:N1} s de CPU, {options.Records / cpuSeconds:N0} registros por segundo de CPU).");

        var rebuild = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes) Exec(conn, sql + ";");
        Exec(conn, "ANALYZE;");
        Console.WriteLine($"{indexes.Count} índices reconstruidos y ANALYZE en {rebuild.Elapsed.TotalSeconds:N1} s.");
        // The app expects WAL, stored in the file.
        Exec(conn, "PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL;");
        Console.WriteLine($"Listo: {path} ({new FileInfo(path).Length / 1024.0 / 1024 / 1024:N2} GB) en {started.Elapsed.TotalSeconds:N1} s.");
    }

    /// <summary>The app's schema (its migrations and reference data) and the institutions the records belong to.</summary>
    private static async Task<List<Party>> SchemaAndInstitutionsAsync(IServiceProvider services, AuditSeedPlan options, DateTime now, Stopwatch started)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await init.MigrateAsync();
            await init.SeedReferenceDataAsync();
        }
        var contexts = services.GetRequiredService<IDbContextFactory<ConsultaDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (await db.AuditRecords.AnyAsync())
                throw new InvalidOperationException("La base ya tiene registros de bitácora: use una base vacía.");
        }
        var parties = await InstitutionsAsync(contexts, options.Institutions, now);
        Console.WriteLine($"Esquema y {parties.Count} instituciones en {started.Elapsed.TotalSeconds:N1} s.");
        return parties;
    }

    private static async Task<List<Party>> InstitutionsAsync(IDbContextFactory<ConsultaDbContext> contexts, int count, DateTime now)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var level = await db.AccessLevels.Where(l => l.IsCurrent).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var today = DateOnly.FromDateTime(now);
        var institutions = new List<Institution>();
        for (var i = 1; i <= count; i++)
        {
            var acronym = $"I{i:000}";
            var institution = new Institution
            {
                Name = $"{Kinds[i % Kinds.Length]} {Places[i % Places.Length]} {i:000}", Acronym = acronym,
                Type = (InstitutionType)(1 + i % 5), CreatedUtc = now,
            };
            institution.Agreements.Add(new Agreement
            {
                Number = $"CONV-BENCH-{i:0000}", ValidFrom = today.AddYears(-4), ValidTo = today.AddYears(2), AccessLevelId = level,
                Channels = Channels.Web | Channels.WebService, MonthlyQuota = 500_000, Status = AgreementStatus.InForce,
                CreatedUtc = now, UpdatedUtc = now,
            });
            for (var u = 1; u <= EndUsersPerInstitution; u++)
            {
                institution.EndUsers.Add(new EndUser
                {
                    Code = EndUserCode(acronym, u), DocumentNumber = (5_000_000 + i * 100 + u).ToString(CultureInfo.InvariantCulture),
                    FullName = $"USUARIO {u} DE {acronym}", CreatedUtc = now, UpdatedUtc = now,
                });
            }
            institutions.Add(institution);
        }
        db.Institutions.AddRange(institutions);
        await db.SaveChangesAsync();
        return institutions.Select(i => new Party(i.Id, i.Agreements[0].Id, level, i.Acronym)).ToList();
    }

    public static string EndUserCode(string acronym, int n) => $"{acronym}-{n:000}";

    private static void Load(SqliteConnection conn, List<Party> parties, AuditSeedPlan options, DateTime now)
    {
        var previous = AuditChain.GenesisHash;
        // The raw SQLite API, bound by position: Microsoft.Data.Sqlite's per-execution work (parameter lookup by
        // name, a data reader per call) costs more than the insert itself at this volume.
        var handle = conn.Handle!;
        Check(handle, raw.sqlite3_prepare_v2(handle, SqlCommands.Insert("AuditRecords", AuditColumns.Names), out sqlite3_stmt insert));
        using var statement = insert;
        Check(handle, raw.sqlite3_prepare_v2(handle, SqlCommands.Insert("AuditSubjects", AuditColumns.SubjectNames), out sqlite3_stmt insertSubject));
        using var subjectStatement = insertSubject;
        // Records are made on a second thread; this one chains and inserts them (the chain is sequential).
        using var chunks = new System.Collections.Concurrent.BlockingCollection<AuditRecord[]>(boundedCapacity: 4);
        var producer = Produce(chunks, parties, options, now);

        Exec(conn, "BEGIN;");
        var progress = Stopwatch.StartNew();
        foreach (var chunk in chunks.GetConsumingEnumerable())
        {
            foreach (var record in chunk)
            {
                record.Hash = AuditChain.ComputeHash(previous, record);
                previous = record.Hash;
                Bind(insert, record);
                if (raw.sqlite3_step(insert) != raw.SQLITE_DONE) Check(handle, raw.sqlite3_errcode(handle));
                raw.sqlite3_reset(insert);
                foreach (var subject in record.Subjects)
                {
                    raw.sqlite3_bind_int64(insertSubject, 1, subject.AuditSequence);
                    raw.sqlite3_bind_int64(insertSubject, 2, subject.PersonId);
                    raw.sqlite3_bind_text(insertSubject, 3, subject.Kind.ToString());
                    if (raw.sqlite3_step(insertSubject) != raw.SQLITE_DONE) Check(handle, raw.sqlite3_errcode(handle));
                    raw.sqlite3_reset(insertSubject);
                }
                if (record.Sequence % RowsPerTransaction == 0) Exec(conn, "COMMIT; BEGIN;");
                if (record.Sequence % 1_000_000 == 0)
                    Console.WriteLine($"  {record.Sequence:N0} ({record.Sequence / progress.Elapsed.TotalSeconds:N0} registros/s)");
            }
        }
        producer.GetAwaiter().GetResult();
        Exec(conn, "COMMIT;");
    }

    /// <summary>
    /// Makes the records on a second thread, in sequence order, in chunks (the loading thread chains and writes them:
    /// the chain is sequential).
    /// </summary>
    private static Task Produce(System.Collections.Concurrent.BlockingCollection<AuditRecord[]> chunks, List<Party> parties, AuditSeedPlan options, DateTime now)
    {
        var random = new Random(options.RandomSeed);
        // Zipf-like shares: a few big banks make most queries, as in production.
        var institutionWeights = Cumulative(parties.Count, 0.9);
        var userWeights = Cumulative(EndUsersPerInstitution, 0.7);
        var end = now.AddMinutes(-1);
        var start = end.AddDays(-365.25 * options.Years);
        var step = (end - start).Ticks / options.Records;
        return Task.Factory.StartNew(() =>
        {
            for (long first = 1; first <= options.Records; first += ChunkSize)
            {
                var chunk = new AuditRecord[(int)Math.Min(ChunkSize, options.Records - first + 1)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    var sequence = first + i;
                    // One slot per record and a random instant inside it: strictly increasing, as the writer guarantees.
                    var time = new DateTime(start.Ticks + (sequence - 1) * step + random.NextInt64(step), DateTimeKind.Utc);
                    chunk[i] = Synthesize(random, sequence, time, parties[Pick(institutionWeights, random)], Pick(userWeights, random) + 1);
                }
                chunks.Add(chunk);
            }
            chunks.CompleteAdding();
        }, TaskCreationOptions.LongRunning);
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc != raw.SQLITE_OK) throw new InvalidOperationException($"SQLite {rc}: {raw.sqlite3_errmsg(handle).utf8_to_string()}");
    }

    private static AuditRecord Synthesize(Random random, long sequence, DateTime time, Party party, int user)
    {
        var roll = random.Next(100);
        var type = roll < 78 ? QueryType.Document : roll < 94 ? QueryType.Verification : roll < 98 ? QueryType.Name : QueryType.Certificate;
        var number = sequence % 333_333 == 0 ? KnownDocument : random.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);
        var denied = random.Next(100) < 5;
        var result = denied ? QueryResult.Refused : type switch
        {
            QueryType.Document or QueryType.Name => random.Next(100) < 90 ? QueryResult.Found : QueryResult.NotFound,
            QueryType.Verification => random.Next(100) < 85 ? QueryResult.Matched : QueryResult.NotMatched,
            _ => QueryResult.Issued,
        };
        var web = random.Next(100) < 40;
        // The person touched: synthetic ids, the document number's value, so the known document's person is searchable too.
        AuditSubject[] subjects = result is QueryResult.Found or QueryResult.Matched or QueryResult.NotMatched or QueryResult.Issued
            ? [new AuditSubject
            {
                AuditSequence = sequence, PersonId = type == QueryType.Name ? random.Next(1_000_000, 10_000_000) : long.Parse(number, CultureInfo.InvariantCulture),
                Kind = type == QueryType.Verification ? AuditSubjectKind.Verified : AuditSubjectKind.Disclosed,
            }]
            : [];
        return new AuditRecord
        {
            Sequence = sequence,
            QueryId = Guid.CreateVersion7(new DateTimeOffset(time)),
            TimestampUtc = time,
            InstitutionId = party.InstitutionId,
            AgreementId = party.AgreementId,
            AccessLevelId = party.AccessLevelId,
            EndUserCode = EndUserCode(party.Acronym, user),
            Channel = web ? Channel.Web : Channel.WebService,
            ClientIp = $"10.{party.InstitutionId % 250}.{random.Next(256)}.{random.Next(1, 255)}",
            QueryType = type,
            SearchKeys = type == QueryType.Name ? "JUAN CARLOS PEREZ 14/03/1985" : $"CI {number}",
            DocumentNumber = type == QueryType.Name ? null : number,
            DocumentType = type == QueryType.Name ? null : DocumentType.IdentityCard,
            DocumentComplement = type == QueryType.Name ? null : "",
            Purpose = Purposes[random.Next(Purposes.Length)],
            ConsentReference = type == QueryType.Name ? $"CONS-{sequence}" : null,
            Result = result,
            RefusalReason = denied ? (RefusalReason)random.Next(1, 11) : null,
            DisclosedFields = result == QueryResult.Found ? "nombres,primerApellido,segundoApellido,fechaNacimiento" : "",
            CertificateNumber = result == QueryResult.Issued ? $"CERT-{time.Year}-{sequence % 1_000_000:000000}" : null,
            CorrelationId = web ? null : Guid.CreateVersion7(new DateTimeOffset(time)).ToString("N"),
            Subjects = subjects,
            Hash = AuditChain.GenesisHash,
        };
    }

    /// <summary>
    /// Every column of <see cref="AuditColumns.All"/>, as <c>AuditLog</c> stores it through Microsoft.Data.Sqlite: GUID
    /// upper-case text, time as its text form, enums by name.
    /// </summary>
    private static void Bind(sqlite3_stmt s, AuditRecord r)
    {
        var columns = AuditColumns.All;
        for (var i = 0; i < columns.Count; i++)
        {
            var index = i + 1;
            switch (columns[i].Value(r, true))
            {
                case DBNull: raw.sqlite3_bind_null(s, index); break;
                case long v: raw.sqlite3_bind_int64(s, index, v); break;
                case int v: raw.sqlite3_bind_int64(s, index, v); break;
                case string v: raw.sqlite3_bind_text(s, index, v); break;
                case byte[] v: raw.sqlite3_bind_blob(s, index, v); break;
                case DateTime v: raw.sqlite3_bind_text(s, index, v.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
                case var other: throw new InvalidOperationException($"Columna {columns[i].Name}: tipo {other.GetType()} sin enlace.");
            }
        }
    }

    private static double[] Cumulative(int count, double exponent)
    {
        var weights = new double[count];
        double sum = 0;
        for (var i = 0; i < count; i++) weights[i] = sum += 1 / Math.Pow(i + 1, exponent);
        for (var i = 0; i < count; i++) weights[i] /= sum;
        return weights;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private static void Exec(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        cmd.ExecuteNonQuery();
    }
}
