using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Configurations;

public class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.HasKey(x => x.Sequence);
        // Sequence numbers are assigned by the appender inside its write lock, never by the database.
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.EndUserCode).HasMaxLength(40);
        b.Property(x => x.ClientIp).HasMaxLength(45);
        b.Property(x => x.SearchKeys).HasMaxLength(300);
        b.Property(x => x.DocumentNumber).HasMaxLength(10);
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.Property(x => x.ConsentReference).HasMaxLength(100);
        b.Property(x => x.DisclosedFields).HasMaxLength(1000);
        b.Property(x => x.CertificateNumber).HasMaxLength(40);
        b.Property(x => x.CorrelationId).HasMaxLength(100);
        b.Property(x => x.Hash).HasMaxLength(32);
        b.Property(x => x.DocumentComplement).HasMaxLength(2);
        b.Property(x => x.AnswerSha256).HasMaxLength(32);
        // Records written before the column existed were hashed with the first encoding.
        b.Property(x => x.HashVersion).HasDefaultValue(AuditChainVersion.Original);
        b.Ignore(x => x.Subjects);
        // The column keeps the contract's name (consultaId on the wire): no migration for the rename.
        b.Property(x => x.QueryId).HasColumnName("ConsultaId");
        // Every index is one more B-tree update for each audited query (issue 20): only those a search needs.
        // Certificates find the query they certify by its ConsultaId.
        b.HasIndex(x => x.QueryId);
        // Dates become a stretch of the primary key (AuditQuery.RangeAsync, statistics, misuse detector, operations):
        // appended at its right edge, this one is nearly free to keep.
        b.HasIndex(x => x.TimestampUtc);
        // The auditors' key searches, each in time order: document, institution (also agreement and quota, through the
        // agreement's institution: no (AgreementId, TimestampUtc) index since Issue20AuditIndexes), end user.
        b.HasIndex(x => new { x.DocumentNumber, x.TimestampUtc });
        b.HasIndex(x => new { x.InstitutionId, x.TimestampUtc });
        b.HasIndex(x => new { x.InstitutionId, x.EndUserCode, x.TimestampUtc });
    }
}

public class AuditSubjectConfiguration : IEntityTypeConfiguration<AuditSubject>
{
    public void Configure(EntityTypeBuilder<AuditSubject> b)
    {
        b.HasKey(x => new { x.AuditSequence, x.PersonId });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        b.HasOne<AuditRecord>().WithMany().HasForeignKey(x => x.AuditSequence).OnDelete(DeleteBehavior.Restrict);
        // "Which queries touched this person", newest first: a range scan of this index.
        b.HasIndex(x => new { x.PersonId, x.AuditSequence });
    }
}

public class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> b)
    {
        b.Property(x => x.Hash).HasMaxLength(32);
        b.Property(x => x.CertificateThumbprint).HasMaxLength(64);
        b.HasIndex(x => x.Sequence);
    }
}

public class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> b)
    {
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.EntityType).HasMaxLength(60);
        b.Property(x => x.EntityId).HasMaxLength(60);
        b.Property(x => x.Action).HasMaxLength(60);
        b.HasIndex(x => x.TimestampUtc);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => new { x.InstitutionId, x.TimestampUtc });
    }
}

public class QueryCertificateConfiguration : IEntityTypeConfiguration<QueryCertificate>
{
    public void Configure(EntityTypeBuilder<QueryCertificate> b)
    {
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.VerificationCode).HasMaxLength(20);
        b.Property(x => x.IssuedBy).HasMaxLength(256);
        b.Property(x => x.PdfSha256).HasMaxLength(64);
        b.Property(x => x.RevokedReason).HasMaxLength(500);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.VerificationCode).IsUnique();
        // The column keeps the contract's name (consultaId on the wire): no migration for the rename.
        b.Property(x => x.QueryId).HasColumnName("ConsultaId");
        b.HasIndex(x => x.QueryId);
    }
}

public class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(x => x.FullName).HasMaxLength(200);
        b.HasOne<Institution>().WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EndUser>().WithMany().HasForeignKey(x => x.EndUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
