using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Audit;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        builder.Property(a => a.FromStatus).HasMaxLength(50);
        builder.Property(a => a.ToStatus).HasMaxLength(50);
        builder.Property(a => a.Details).HasMaxLength(AuditEntry.MaxDetailsLength);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.DepartmentId, a.Id });
        builder.HasIndex(a => new { a.ActorId, a.Id });
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
