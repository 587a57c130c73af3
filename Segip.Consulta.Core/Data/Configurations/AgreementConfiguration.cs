using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Agreements;

namespace Segip.Consulta.Core.Data.Configurations;

public class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.Property(x => x.Number).HasMaxLength(40);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.InstitutionId, x.Status });
        b.Property(x => x.IpAllowlist).HasMaxLength(1000);
        b.Property(x => x.StatusReason).HasMaxLength(500);
        b.Property(x => x.ContactName).HasMaxLength(150);
        b.Property(x => x.ContactEmail).HasMaxLength(150);
        b.Property(x => x.ReservedBasis).HasMaxLength(ReservedBasisRules.MaxLength);
        b.HasOne(x => x.Institution).WithMany(i => i.Agreements).HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.AccessLevel).WithMany().HasForeignKey(x => x.AccessLevelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Amendments).WithOne().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AgreementAmendmentConfiguration : IEntityTypeConfiguration<AgreementAmendment>
{
    public void Configure(EntityTypeBuilder<AgreementAmendment> b)
    {
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AccessLevel>().WithMany().HasForeignKey(x => x.NewAccessLevelId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
    }
}
