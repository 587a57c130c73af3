using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data;

/// <summary>
/// The one data model. Each provider has a derived context (<see cref="SqliteConsultaDbContext"/>,
/// <see cref="SqlServerConsultaDbContext"/>, <see cref="PostgresConsultaDbContext"/>) so each keeps its own migrations.
/// </summary>
public class ConsultaDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<AccessLevel> AccessLevels => Set<AccessLevel>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementAmendment> AgreementAmendments => Set<AgreementAmendment>();
    public DbSet<StoredDocument> Documents => Set<StoredDocument>();
    public DbSet<EndUser> EndUsers => Set<EndUser>();
    public DbSet<ApiCredential> Credentials => Set<ApiCredential>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<PersonBiometrics> PersonBiometrics => Set<PersonBiometrics>();
    public DbSet<IdentityDocument> IdentityDocuments => Set<IdentityDocument>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<AuditSubject> AuditSubjects => Set<AuditSubject>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();
    public DbSet<QueryCertificate> Certificates => Set<QueryCertificate>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MisuseAlert> MisuseAlerts => Set<MisuseAlert>();
    public DbSet<DetectorPosition> DetectorPositions => Set<DetectorPosition>();
    public DbSet<ProtectedPerson> ProtectedPersons => Set<ProtectedPerson>();
    public DbSet<QuotaCounter> QuotaCounters => Set<QuotaCounter>();
    public DbSet<ExportJob> ExportJobs => Set<ExportJob>();
    public DbSet<MisuseThreshold> MisuseThresholds => Set<MisuseThreshold>();
    public DbSet<DisputeCase> DisputeCases => Set<DisputeCase>();
    public DbSet<CitizenReport> CitizenReports => Set<CitizenReport>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ConsultaDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their contract names: readable in SQL and stable if members are reordered.
        configurationBuilder.Properties<DocumentType>().HaveConversion<ContractCodeConverter<DocumentType>>().HaveMaxLength(8);
        configurationBuilder.Properties<DocumentStatus>().HaveConversion<ContractCodeConverter<DocumentStatus>>().HaveMaxLength(12);
        configurationBuilder.Properties<Department>().HaveConversion<ContractCodeConverter<Department>>().HaveMaxLength(2);
        configurationBuilder.Properties<InstitutionType>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<AgreementStatus>().HaveConversion<ContractCodeConverter<AgreementStatus>>().HaveMaxLength(12);
        configurationBuilder.Properties<Channel>().HaveConversion<ContractCodeConverter<Channel>>().HaveMaxLength(12);
        configurationBuilder.Properties<QueryType>().HaveConversion<ContractCodeConverter<QueryType>>().HaveMaxLength(14);
        configurationBuilder.Properties<QueryResult>().HaveConversion<ContractCodeConverter<QueryResult>>().HaveMaxLength(14);
        configurationBuilder.Properties<RefusalReason>().HaveConversion<ContractCodeConverter<RefusalReason>>().HaveMaxLength(30);
    }
}

public class SqliteConsultaDbContext(DbContextOptions<SqliteConsultaDbContext> options) : ConsultaDbContext(options);

public class SqlServerConsultaDbContext(DbContextOptions<SqlServerConsultaDbContext> options) : ConsultaDbContext(options);

/// <summary>
/// PostgreSQL keeps every DateTime as <c>timestamp with time zone</c>, which Npgsql only accepts in UTC. The model's
/// times are all UTC by convention (their names end in Utc), so values of unspecified kind are marked UTC on the
/// way in and out instead of failing at run time.
/// </summary>
public class PostgresConsultaDbContext(DbContextOptions<PostgresConsultaDbContext> options) : ConsultaDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The auditors' "purpose contains" search is an ILIKE '%texto%': a trigram index answers it without
        // reading the period's records one by one (pg_trgm ships with PostgreSQL and is a trusted extension).
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<AuditRecord>().HasIndex(r => r.Purpose).HasDatabaseName("IX_AuditRecords_Purpose_Trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        // Document numbers, types and complements are ASCII codes compared only for equality: the "C" collation
        // orders their unique key by bytes instead of strcoll under the database's locale (C.UTF-8 is not "C" to
        // PostgreSQL), which was ~40 % of the server's time while a first import built that index. Equality is
        // byte-wise under any deterministic collation, so look-ups answer the same. Names keep the database locale.
        builder.Entity<IdentityDocument>(b =>
        {
            b.Property(x => x.Number).UseCollation("C");
            b.Property(x => x.Type).UseCollation("C");
            b.Property(x => x.Complement).UseCollation("C");
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
