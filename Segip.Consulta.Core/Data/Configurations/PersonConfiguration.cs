using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Configurations;

public class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        // Ids come from the registry (import file or generator), so bulk loads need no round trip.
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FirstNames).HasMaxLength(100);
        b.Property(x => x.FirstSurname).HasMaxLength(60);
        b.Property(x => x.SecondSurname).HasMaxLength(60);
        b.Property(x => x.MarriedSurname).HasMaxLength(60);
        b.Property(x => x.Sex).HasMaxLength(1);
        b.Property(x => x.Nationality).HasMaxLength(60);
        b.Property(x => x.BirthPlace).HasMaxLength(120);
        b.Property(x => x.CivilStatus).HasMaxLength(20);
        b.Property(x => x.Profession).HasMaxLength(100);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.FatherName).HasMaxLength(150);
        b.Property(x => x.MotherName).HasMaxLength(150);
        b.Property(x => x.SearchName).HasMaxLength(250);
        // Name search is "full name + birth date": this index answers it with one seek.
        b.HasIndex(x => new { x.SearchName, x.BirthDate });
        b.HasOne(x => x.Biometrics).WithOne().HasForeignKey<PersonBiometrics>(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PersonBiometricsConfiguration : IEntityTypeConfiguration<PersonBiometrics>
{
    public void Configure(EntityTypeBuilder<PersonBiometrics> b)
    {
        b.HasKey(x => x.PersonId);
        b.Property(x => x.PersonId).ValueGeneratedNever();
    }
}

public class IdentityDocumentConfiguration : IEntityTypeConfiguration<IdentityDocument>
{
    public void Configure(EntityTypeBuilder<IdentityDocument> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Number).HasMaxLength(10);
        b.Property(x => x.Complement).HasMaxLength(2);
        b.Property(x => x.LicenceCategory).HasMaxLength(1);
        // The gate's lookup key; unique as docs/domain.md requires.
        b.HasIndex(x => new { x.Number, x.Type, x.Complement }).IsUnique();
        b.HasIndex(x => x.PersonId);
        b.HasOne(x => x.Person).WithMany(p => p.Documents).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
