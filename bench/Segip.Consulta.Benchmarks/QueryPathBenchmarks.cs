using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Segip.Consulta.Core;
using Segip.Consulta.Core.Data;
using Segip.Consulta.Core.Data.Seed;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Audit;
using Segip.Consulta.Core.Features.Queries;

namespace Segip.Consulta.Benchmarks;

/// <summary>
/// The query path piece by piece: projection and chain hash (CPU only), the audit append with group
/// commit at synchronous=FULL, and the whole gate over a real SQLite file with 20,000 persons.
/// Concurrent variants send 64 at once, as the REST endpoint sees them under load.
/// </summary>
[MemoryDiagnoser]
public class QueryPathBenchmarks
{
    private const int Concurrency = 64;
    private ServiceProvider services = default!;
    private string folder = default!;
    private QueryGate gate = default!;
    private AuditLog audit = default!;
    private QueryCaller caller = default!;
    private RegistryMatch juan = default!;
    private AuditRecord record = default!;
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "segip-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Consulta"] = $"Data Source={Path.Combine(folder, "consulta.db")}",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddConsultaCore(configuration, folder, Segip.Consulta.Core.Configuration.HostingRules.Development);
        services = collection.BuildServiceProvider();
        using (var scope = services.CreateScope())
        {
            var init = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            init.MigrateAsync().GetAwaiter().GetResult();
            init.SeedReferenceDataAsync().GetAwaiter().GetResult();
            scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(new SeedOptions { Persons = 20_000 }).GetAwaiter().GetResult();
        }
        gate = services.GetRequiredService<QueryGate>();
        audit = services.GetRequiredService<AuditLog>();
        using var db = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ConsultaDbContext>>().CreateDbContext();
        caller = new QueryCaller
        {
            Channel = Channel.WebService, EndUserCode = "BD-001", ClientIp = "127.0.0.1",
            InstitutionId = db.Institutions.Single(i => i.Name == DemoAccounts.BankName).Id,
        };
        var person = DemoPersons.Create().First();
        juan = new RegistryMatch(person, person.Documents[0]);
        record = new AuditRecord
        {
            Sequence = 42, QueryId = Guid.NewGuid(), TimestampUtc = DateTime.UtcNow, InstitutionId = 1, AgreementId = 1, AccessLevelId = 2,
            EndUserCode = "BD-001", Channel = Channel.WebService, QueryType = QueryType.Document, SearchKeys = "CI 1234567",
            DocumentNumber = "1234567", Purpose = "Apertura de cuenta", Result = QueryResult.Found,
            DisclosedFields = string.Join(',', StandardAccessLevels.BasicoFields), Hash = [],
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark]
    public DisclosedPerson ProjectBasico() => PersonProjection.Project(juan, StandardAccessLevels.BasicoFields);

    [Benchmark]
    public DisclosedPerson ProjectCompleto() => PersonProjection.Project(juan, StandardAccessLevels.CompletoFields);

    [Benchmark]
    public byte[] ChainHash() => AuditChain.ComputeHash(AuditChain.GenesisHash, record);

    /// <summary>One append alone: a full transaction and fsync.</summary>
    [Benchmark]
    public Task<AuditRecord> AuditAppendAlone() => audit.AppendAsync(Entry());

    /// <summary>64 appends at once share commits; divide by 64 for the cost per record.</summary>
    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task AuditAppendConcurrent64() => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => audit.AppendAsync(Entry())));

    /// <summary>The whole gate for one document query, audit commit included.</summary>
    [Benchmark]
    public Task<QueryOutcome> GateDocumentAlone() => gate.ExecuteAsync(caller, Request());

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task GateDocumentConcurrent64() => Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => gate.ExecuteAsync(caller, Request())));

    private AuditEntry Entry() => new()
    {
        Channel = Channel.WebService, QueryType = QueryType.Document, SearchKeys = "CI 2000007", DocumentNumber = "2000007",
        Result = QueryResult.Found, Purpose = "Prueba de rendimiento",
    };

    private QueryRequest Request()
    {
        var i = Interlocked.Increment(ref next) % 20_000;
        return new QueryRequest { DocumentType = "CI", DocumentNumber = (2_000_000L + 7L * i).ToString(), Purpose = "Prueba de rendimiento" };
    }
}
