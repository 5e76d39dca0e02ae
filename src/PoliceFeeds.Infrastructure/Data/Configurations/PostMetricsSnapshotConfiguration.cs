using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Infrastructure.Data.Configurations;

internal sealed class PostMetricsSnapshotConfiguration : IEntityTypeConfiguration<PostMetricsSnapshot>
{
    public void Configure(EntityTypeBuilder<PostMetricsSnapshot> builder)
    {
        builder.HasOne<Message>().WithMany().HasForeignKey(s => s.MessageId).OnDelete(DeleteBehavior.Cascade);
        // A message's history in time order, and its latest snapshot (highest id) found by one seek.
        builder.HasIndex(s => new { s.MessageId, s.Id });
        builder.HasIndex(s => new { s.MessageId, s.TakenAtUtc });
        // A delivery's latest snapshot, found by one seek (the job's "due" test and the report's latest per post). No
        // foreign key: the snapshots go with their message (cascade), and a second cascade path is refused by SQL Server.
        builder.HasIndex(s => new { s.DeliveryId, s.Id });
    }
}
