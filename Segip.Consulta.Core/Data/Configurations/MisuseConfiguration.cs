using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;

namespace Segip.Consulta.Core.Data.Configurations;

public class MisuseAlertConfiguration : IEntityTypeConfiguration<MisuseAlert>
{
    public void Configure(EntityTypeBuilder<MisuseAlert> b)
    {
        b.Property(x => x.Fingerprint).HasMaxLength(200);
        b.Property(x => x.Rule).HasConversion<ContractCodeConverter<MisuseRule>>().HasMaxLength(30);
        b.Property(x => x.Severity).HasConversion<ContractCodeConverter<AlertSeverity>>().HasMaxLength(8);
        b.Property(x => x.State).HasConversion<ContractCodeConverter<AlertState>>().HasMaxLength(12);
        b.Property(x => x.EndUserCode).HasMaxLength(40);
        b.Property(x => x.DocumentNumber).HasMaxLength(10);
        b.Property(x => x.ClientIp).HasMaxLength(45);
        b.Property(x => x.Explanation).HasMaxLength(1000);
        b.Property(x => x.EvidenceSequences).HasMaxLength(4000);
        b.Property(x => x.AssignedTo).HasMaxLength(256);
        b.Property(x => x.Conclusion).HasMaxLength(MisuseAlertLimits.ConclusionMax);
        // The second guard against double alerts (the first is the detector's position claim).
        b.HasIndex(x => x.Fingerprint).IsUnique();
        b.HasIndex(x => new { x.State, x.Severity });
        b.HasIndex(x => new { x.InstitutionId, x.Day });
    }
}

public class DetectorPositionConfiguration : IEntityTypeConfiguration<DetectorPosition>
{
    public void Configure(EntityTypeBuilder<DetectorPosition> b)
    {
        b.Property(x => x.Id).HasMaxLength(40);
    }
}

public class ProtectedPersonConfiguration : IEntityTypeConfiguration<ProtectedPerson>
{
    public void Configure(EntityTypeBuilder<ProtectedPerson> b)
    {
        b.Property(x => x.DocumentNumber).HasMaxLength(10);
        b.Property(x => x.Reason).HasMaxLength(300);
        b.HasIndex(x => x.DocumentNumber).IsUnique();
    }
}

public class MisuseThresholdConfiguration : IEntityTypeConfiguration<MisuseThreshold>
{
    public void Configure(EntityTypeBuilder<MisuseThreshold> b)
    {
        b.HasKey(x => x.Rule);
        b.Property(x => x.Rule).HasConversion<ContractCodeConverter<MisuseRule>>().HasMaxLength(30);
        b.Property(x => x.Values).HasMaxLength(2000);
    }
}
