using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Seeding;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Key).HasMaxLength(50).IsRequired();
        builder.HasIndex(c => c.Key).IsUnique();
        builder.Property(c => c.Label).HasMaxLength(100).IsRequired();
        builder.Property(c => c.SuggestedHashtags).HasMaxLength(200).IsRequired();
        builder.HasData(PilotSeed.Categories);
    }
}
