using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class MessageTargetConfiguration : IEntityTypeConfiguration<MessageTarget>
{
    public void Configure(EntityTypeBuilder<MessageTarget> builder)
    {
        builder.HasKey(t => new { t.MessageId, t.AccountId });
        builder.HasOne<Message>().WithMany(m => m.Targets).HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
        // Accounts are disconnected, never deleted; a target keeps naming the account it was chosen for.
        builder.HasOne<PublishingAccount>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.AccountId);
    }
}
