using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(MessageTemplate.MaxNameLength).IsRequired();
        builder.Property(t => t.Text).HasMaxLength(TweetText.MaxTextLength).IsRequired();
        builder.Property(t => t.Hashtags).HasMaxLength(MessageTemplate.MaxHashtagsLength).IsRequired();
        builder.Property(t => t.UpdatedById).HasMaxLength(450).IsRequired();
        builder.Ignore(t => t.IsNational);
        builder.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
        // The compose page offers a department's templates and the national ones.
        builder.HasIndex(t => new { t.DepartmentId, t.Name });
    }
}
