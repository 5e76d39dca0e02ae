using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Sandbox;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class SandboxPostConfiguration : IEntityTypeConfiguration<SandboxPost>
{
    public void Configure(EntityTypeBuilder<SandboxPost> builder)
    {
        builder.Property(p => p.PostId).HasMaxLength(Delivery.MaxPostIdLength).IsRequired();
        builder.HasIndex(p => p.PostId).IsUnique();
        builder.Property(p => p.Handle).HasMaxLength(PublishingAccount.MaxHandleLength).IsRequired();
        builder.Property(p => p.Text).HasMaxLength(TrainingPublishingChannel.MaxTextLength).IsRequired();
        builder.Property(p => p.InReplyToPostId).HasMaxLength(Delivery.MaxPostIdLength);
        builder.Property(p => p.AltTexts).HasMaxLength(TrainingPublishingChannel.MaxAltTextsLength);
        builder.HasOne<Department>().WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.DepartmentId, p.Id });
        builder.HasIndex(p => new { p.AccountId, p.CreatedAtUtc });
    }
}
