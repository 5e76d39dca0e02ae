using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.UnitTests.Publishing;

public sealed class ClaimedRunRulesTests
{
    [Fact]
    public void A_claimed_delivery_is_posted_only_while_its_message_is_still_approved_being_published_or_published_elsewhere()
    {
        var postable = Enum.GetValues<MessageStatus>().Where(ClaimedRunRules.MayPost).ToList();

        Assert.Equal([MessageStatus.Approved, MessageStatus.Publishing, MessageStatus.Published], postable.Order());
    }

    [Fact]
    public void Sql_server_without_read_committed_snapshot_is_refused_at_start_up_with_the_command_that_fixes_it()
    {
        Assert.Null(DatabaseMigrator.IsolationProblem(readCommittedSnapshotOn: true, required: true));
        var problem = DatabaseMigrator.IsolationProblem(readCommittedSnapshotOn: false, required: true);
        Assert.Contains("SET READ_COMMITTED_SNAPSHOT ON", problem, StringComparison.Ordinal);
        Assert.Contains("Database:RequireReadCommittedSnapshot", problem, StringComparison.Ordinal);
    }
}
