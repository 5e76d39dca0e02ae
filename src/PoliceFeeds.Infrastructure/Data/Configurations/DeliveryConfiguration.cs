using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.Property(d => d.RemotePostId).HasMaxLength(Delivery.MaxPostIdLength);
        builder.Property(d => d.RemotePostUrl).HasMaxLength(Delivery.MaxPostUrlLength);
        builder.Property(d => d.ClientKey).HasMaxLength(Delivery.MaxClientKeyLength);
        builder.Property(d => d.FailureDetail).HasMaxLength(Delivery.MaxFailureDetailLength);
        builder.Property(d => d.LeaseOwner).HasMaxLength(200);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Ignore(d => d.IsPossiblySent);
        builder.Ignore(d => d.IsOnline);

        builder.HasOne<PublishingAccount>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(d => d.MessageId);
        // Publisher: due deliveries by status and next attempt; lease recovery by status and expiry.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAtUtc });
        builder.HasIndex(d => new { d.Status, d.LeaseExpiresAtUtc });
        // Report: failures by code over the instant they happened.
        builder.HasIndex(d => new { d.Status, d.FailedAtUtc });
    }
}
