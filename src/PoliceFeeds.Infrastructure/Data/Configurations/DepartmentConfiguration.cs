using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Infrastructure.Seeding;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(3).IsRequired();
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(100).IsRequired();
        builder.Property(d => d.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.ServiceName).HasMaxLength(Department.MaxServiceNameLength).IsRequired();
        builder.Property(d => d.PausedByUserId).HasMaxLength(450);
        builder.Property(d => d.PauseReason).HasMaxLength(500);
        builder.Property(d => d.DeviationEndTemplate).HasMaxLength(TimeBoundDefaults.MaxTemplateLength).IsRequired();
        builder.Property(d => d.FoundThanksTemplate).HasMaxLength(TimeBoundDefaults.MaxTemplateLength).IsRequired();
        builder.HasMany(d => d.Accounts).WithOne().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasData(PilotSeed.Departments.Select(d => new Department { Id = d.Id, Code = d.Code, Name = d.Name, TimeZoneId = d.TimeZoneId, ServiceName = d.ServiceName, ValidationPolicyChosen = true }));
    }
}
