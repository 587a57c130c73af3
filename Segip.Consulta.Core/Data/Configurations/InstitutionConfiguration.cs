using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Configurations;

public class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Acronym).HasMaxLength(30);
        b.Property(x => x.Nit).HasMaxLength(20);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.ContactName).HasMaxLength(150);
        b.Property(x => x.ContactEmail).HasMaxLength(150);
        b.Property(x => x.ContactPhone).HasMaxLength(40);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasIndex(x => x.Acronym);
    }
}
