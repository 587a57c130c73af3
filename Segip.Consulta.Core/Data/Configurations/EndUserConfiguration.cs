using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Configurations;

public class EndUserConfiguration : IEntityTypeConfiguration<EndUser>
{
    public void Configure(EntityTypeBuilder<EndUser> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.DocumentNumber).HasMaxLength(12);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.Position).HasMaxLength(120);
        b.Property(x => x.Email).HasMaxLength(150);
        b.Property(x => x.DisabledReason).HasMaxLength(500);
        b.HasIndex(x => new { x.InstitutionId, x.Code }).IsUnique();
        b.HasOne(x => x.Institution).WithMany(i => i.EndUsers).HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ApiCredentialConfiguration : IEntityTypeConfiguration<ApiCredential>
{
    public void Configure(EntityTypeBuilder<ApiCredential> b)
    {
        b.Property(x => x.ClientId).HasMaxLength(64);
        b.HasIndex(x => x.ClientId).IsUnique();
        b.Property(x => x.SecretHash).HasMaxLength(32);
        b.Property(x => x.PreviousSecretHash).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(300);
        b.Property(x => x.IpAllowlist).HasMaxLength(1000);
        b.Property(x => x.ClientCertificatePin).HasMaxLength(80);
        b.Property(x => x.ClientCertificateAuthority).HasMaxLength(4000);
        b.Property(x => x.RevokedReason).HasMaxLength(500);
        b.Property(x => x.RequestedBy).HasMaxLength(256);
        b.HasOne(x => x.Institution).WithMany(i => i.Credentials).HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
