using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Reporting;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class ReportRollupCellConfiguration : IEntityTypeConfiguration<ReportRollupCell>
{
    public void Configure(EntityTypeBuilder<ReportRollupCell> builder)
    {
        builder.Property(c => c.Network).HasMaxLength(ReportRollupCell.MaxNetworkLength).IsRequired();
        builder.Property(c => c.FailuresByCode).IsRequired();
        builder.Property(c => c.ValidationDelays).IsRequired();
        builder.Property(c => c.PublicationDelays).IsRequired();
        builder.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Cascade);
        // One row per department, month, category and network; the report reads a department's months by this prefix.
        builder.HasIndex(c => new { c.DepartmentId, c.Month, c.CategoryId, c.Network }).IsUnique();
    }
}

internal sealed class ReportRollupMonthConfiguration : IEntityTypeConfiguration<ReportRollupMonth>
{
    public void Configure(EntityTypeBuilder<ReportRollupMonth> builder)
    {
        builder.HasKey(m => new { m.DepartmentId, m.Month });
        builder.Property(m => m.TopPostIds).HasMaxLength(400).IsRequired();
        builder.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
