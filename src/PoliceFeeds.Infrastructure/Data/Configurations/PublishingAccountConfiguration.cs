using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Seeding;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class PublishingAccountConfiguration : IEntityTypeConfiguration<PublishingAccount>
{
    public void Configure(EntityTypeBuilder<PublishingAccount> builder)
    {
        builder.ToTable("PublishingAccounts");
        builder.HasIndex(a => new { a.DepartmentId, a.Network });
        builder.Property(a => a.Handle).HasMaxLength(PublishingAccount.MaxHandleLength).IsRequired();
        builder.Property(a => a.ServerUrl).HasMaxLength(PublishingAccount.MaxServerUrlLength);
        builder.Property(a => a.RemoteUserId).HasMaxLength(PublishingAccount.MaxRemoteUserIdLength);

        // One department per remote account, on each network (and server). Unique among the known ids only: SQL Server's
        // provider filters the index to non-null values by itself, and SQLite never counts NULLs as equal.
        builder.HasIndex(a => new { a.Network, a.RemoteUserId }).IsUnique();
        builder.Property(a => a.ProtectedCredentials).HasMaxLength(8000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.RefreshLeaseOwner).HasMaxLength(200);
        builder.Ignore(a => a.IsUsable);
        builder.Ignore(a => a.TextLimits);
        builder.HasData(PilotSeed.Accounts);
    }
}
