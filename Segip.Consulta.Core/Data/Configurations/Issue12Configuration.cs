using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Configurations;

public class QuotaCounterConfiguration : IEntityTypeConfiguration<QuotaCounter>
{
    public void Configure(EntityTypeBuilder<QuotaCounter> b)
    {
        b.HasKey(x => new { x.AgreementId, x.Period });
        b.Property(x => x.Period).HasMaxLength(7);
        b.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ExportJobConfiguration : IEntityTypeConfiguration<ExportJob>
{
    public void Configure(EntityTypeBuilder<ExportJob> b)
    {
        b.Property(x => x.Owner).HasMaxLength(256);
        b.Property(x => x.Format).HasMaxLength(4);
        b.Property(x => x.Parameters).HasMaxLength(2000);
        b.Property(x => x.FileName).HasMaxLength(100);
        b.Property(x => x.FilePath).HasMaxLength(500);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Error).HasMaxLength(500);
        b.Property(x => x.Instance).HasMaxLength(200);
        b.HasIndex(x => new { x.Owner, x.CreatedUtc });
        b.HasIndex(x => x.Status);
    }
}
