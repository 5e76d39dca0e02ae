using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Campaigns;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(Campaign.MaxTitleLength).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(TweetText.MaxTextLength).IsRequired();
        builder.Property(c => c.CreatedById).HasMaxLength(450).IsRequired();
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Departments).WithOne().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.CreatedAtUtc);
    }
}

internal sealed class CampaignDepartmentConfiguration : IEntityTypeConfiguration<CampaignDepartment>
{
    public void Configure(EntityTypeBuilder<CampaignDepartment> builder)
    {
        builder.HasKey(d => new { d.CampaignId, d.DepartmentId });
        builder.Property(d => d.DeclinedById).HasMaxLength(450);
        builder.Property(d => d.DeclineReason).HasMaxLength(Message.MaxReasonLength);
        builder.Ignore(d => d.IsDeclined);
        builder.HasOne<Department>().WithMany().HasForeignKey(d => d.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Message>().WithMany().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.DepartmentId);
        builder.HasIndex(d => d.MessageId);
    }
}
