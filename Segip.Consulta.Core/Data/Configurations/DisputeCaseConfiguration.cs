using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Segip.Consulta.Core.Domain;
using Segip.Consulta.Core.Features.Disputes;

namespace Segip.Consulta.Core.Data.Configurations;

public class DisputeCaseConfiguration : IEntityTypeConfiguration<DisputeCase>
{
    public void Configure(EntityTypeBuilder<DisputeCase> b)
    {
        b.Property(x => x.State).HasConversion<ContractCodeConverter<CaseState>>().HasMaxLength(12);
        b.Property(x => x.Outcome).HasConversion<ContractCodeConverter<CaseOutcome>>().HasMaxLength(10);
        b.Property(x => x.Reason).HasMaxLength(DisputeTexts.ReasonMax);
        b.Property(x => x.AssignedTo).HasMaxLength(256);
        b.Property(x => x.InstitutionAnswer).HasMaxLength(DisputeTexts.AnswerMax);
        b.Property(x => x.Resolution).HasMaxLength(DisputeTexts.AnswerMax);
        b.HasOne<AuditRecord>().WithMany().HasForeignKey(x => x.AuditSequence).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        // A citizen's own cases, and the daily limit on opening them.
        b.HasIndex(x => new { x.PersonId, x.CreatedUtc });
        b.HasIndex(x => new { x.InstitutionId, x.State });
        b.HasIndex(x => new { x.State, x.AnswerDueOn });
        b.HasIndex(x => x.AuditSequence);
    }
}
