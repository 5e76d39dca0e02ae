using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Text;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        // Text is stored as typed, capped at TweetText.MaxTextLength by the compose validator: a URL counts 23 of X's 280
        // weighted characters whatever its length, so a valid text can exceed 4,000 characters (nvarchar(max) on SQL Server).
        builder.Property(m => m.Text).HasMaxLength(TweetText.MaxTextLength).IsRequired();
        // The search form of the text (Message.SearchText): NFKD folding can lengthen a text (ligatures, œ, compatibility
        // characters), without a bound the code enforces; above 4,000 this is nvarchar(max) on SQL Server (ColumnLengthTests).
        builder.Property(m => m.SearchText).HasMaxLength(8000).IsRequired().HasDefaultValue("");
        builder.Property(m => m.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(m => m.LastEditedById).HasMaxLength(450);
        builder.Property(m => m.ValidatorId).HasMaxLength(450);
        builder.Property(m => m.RejectionReason).HasMaxLength(1000);
        builder.Property(m => m.XPostId).HasMaxLength(Delivery.MaxPostIdLength);
        builder.Property(m => m.XPostUrl).HasMaxLength(Delivery.MaxPostUrlLength);
        builder.Property(m => m.FoundById).HasMaxLength(450);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.PendingChanges);
        builder.Ignore(m => m.IsEditable);
        builder.Ignore(m => m.CanBeCancelled);
        builder.Ignore(m => m.SensitiveWords);
        // Sensitive words found at submission (Message.SensitiveWordsFound): a few phrases of at most 100 characters.
        builder.Property(m => m.SensitiveWordsFound).HasMaxLength(2000).IsRequired().HasDefaultValue("");

        builder.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Category>().WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Message>().WithMany().HasForeignKey(m => m.InReplyToMessageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Core.Campaigns.Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Deliveries).WithOne().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Photos).WithOne().HasForeignKey(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);

        // Department home: keyset paging by id within a department, optionally by status.
        // On SQL Server the search column is included, so a search reads the department's index alone (SQLite reads the
        // row by its integer key, which is the index's own pointer).
        builder.HasIndex(m => new { m.DepartmentId, m.Id }).IncludeProperties(m => m.SearchText);
        builder.HasIndex(m => new { m.DepartmentId, m.Status, m.Id });
        builder.HasIndex(m => new { m.DepartmentId, m.CategoryId, m.Id });
        // A campaign's relays, compared with each other at submission (Core.Campaigns.CampaignTextRule).
        builder.HasIndex(m => m.CampaignId);
        // Publisher: due messages by status and next attempt time.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        // Time-bound messages: deviations reaching their end, found appeals reaching their redaction date.
        builder.HasIndex(m => m.EndsAtUtc);
        builder.HasIndex(m => m.RedactAtUtc);
        // Pilot report (Pages/Report): each figure is a range over the instant it happened, grouped by department and
        // category; the department and category are in the index so the count is read from the index alone.
        builder.HasIndex(m => new { m.CreatedAtUtc, m.DepartmentId, m.CategoryId });
        builder.HasIndex(m => new { m.Status, m.PublishedAtUtc, m.DepartmentId, m.CategoryId });
        builder.HasIndex(m => new { m.ValidatedAtUtc, m.DepartmentId, m.CategoryId });
        builder.HasIndex(m => new { m.Status, m.UpdatedAtUtc, m.DepartmentId, m.CategoryId });
    }
}
