using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class PublishingSettingsConfiguration : IEntityTypeConfiguration<PublishingSettings>
{
    public void Configure(EntityTypeBuilder<PublishingSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ChangedByUserId).HasMaxLength(450);
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.HasData(new PublishingSettings { Id = PublishingSettings.SingletonId, PublishingEnabled = true });
    }
}
