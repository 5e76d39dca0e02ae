using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class UserDepartmentConfiguration : IEntityTypeConfiguration<UserDepartment>
{
    public void Configure(EntityTypeBuilder<UserDepartment> builder)
    {
        builder.HasKey(ud => new { ud.UserId, ud.DepartmentId });
        builder.HasOne<AppUser>().WithMany(u => u.Departments).HasForeignKey(ud => ud.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(ud => ud.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(ud => ud.DepartmentId);
    }
}
