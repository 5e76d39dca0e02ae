using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class MessageVariantConfiguration : IEntityTypeConfiguration<MessageVariant>
{
    public void Configure(EntityTypeBuilder<MessageVariant> builder)
    {
        builder.HasKey(v => new { v.MessageId, v.Network });
        builder.Property(v => v.Text).HasMaxLength(TweetText.MaxTextLength).IsRequired();
        builder.HasOne<Message>().WithMany(m => m.Variants).HasForeignKey(v => v.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
