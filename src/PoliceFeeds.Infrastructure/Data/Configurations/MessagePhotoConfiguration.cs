using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class MessagePhotoConfiguration : IEntityTypeConfiguration<MessagePhoto>
{
    public void Configure(EntityTypeBuilder<MessagePhoto> builder)
    {
        builder.Property(p => p.ContentType).HasMaxLength(50).IsRequired();
        builder.Property(p => p.FileName).HasMaxLength(255);
        builder.Property(p => p.AltText).HasMaxLength(1000).IsRequired();
        builder.Property(p => p.Content).IsRequired();
        builder.Property(p => p.XMediaId).HasMaxLength(19);
        builder.HasIndex(p => new { p.MessageId, p.Position }).IsUnique();
    }
}
