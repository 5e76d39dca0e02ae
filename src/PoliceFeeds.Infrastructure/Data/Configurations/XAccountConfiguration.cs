using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.XAccounts;
using PoliceFeeds.Infrastructure.Seeding;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class XAccountConfiguration : IEntityTypeConfiguration<XAccount>
{
    public void Configure(EntityTypeBuilder<XAccount> builder)
    {
        builder.HasIndex(a => a.DepartmentId).IsUnique();
        builder.Property(a => a.Handle).HasMaxLength(50).IsRequired();
        builder.Property(a => a.XUserId).HasMaxLength(19);
        builder.Property(a => a.ProtectedCredentials).HasMaxLength(8000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.RefreshLeaseOwner).HasMaxLength(200);
        builder.Ignore(a => a.IsUsable);
        builder.HasData(PilotSeed.Accounts);
    }
}
