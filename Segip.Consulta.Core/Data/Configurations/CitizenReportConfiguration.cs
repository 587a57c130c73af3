using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Configurations;

public class CitizenReportConfiguration : IEntityTypeConfiguration<CitizenReport>
{
    public void Configure(EntityTypeBuilder<CitizenReport> b)
    {
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.VerificationCode).HasMaxLength(20);
        b.Property(x => x.MaskedName).HasMaxLength(200);
        b.Property(x => x.Filters).HasMaxLength(300);
        b.Property(x => x.ContentSha256).HasMaxLength(64);
        b.Property(x => x.PdfSha256).HasMaxLength(64);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.VerificationCode).IsUnique();
        b.HasIndex(x => x.PersonId);
    }
}
