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
        // Existing institutions get the default schedule (Monday to Friday, 08:00–20:00 Bolivia). The sentinels
        // are values no form can produce, so EF always sends the entity's own value (00:00 is a valid start).
        b.Property(x => x.WorkingDays).HasDefaultValue(WorkingDays.MondayToFriday).HasSentinel(WorkingDays.None);
        b.Property(x => x.WorkStart).HasDefaultValue(Institution.DefaultWorkStart).HasSentinel(TimeOnly.MaxValue);
        b.Property(x => x.WorkEnd).HasDefaultValue(Institution.DefaultWorkEnd).HasSentinel(TimeOnly.MaxValue);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasIndex(x => x.Acronym);
    }
}
