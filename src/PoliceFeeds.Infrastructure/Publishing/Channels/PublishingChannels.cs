using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing.Channels;

/// <summary>
/// The channel of each delivery: the training timeline for a training delivery, whatever its network; otherwise the channel
/// its account's network registered (a keyed <see cref="IPublishingChannel"/>, one registration per network). The one place
/// where a delivery is mapped to where its posts go.
/// </summary>
public sealed class PublishingChannels(IServiceProvider services)
{
    public IPublishingChannel For(ChannelAccount account, DeliveryMode mode) => mode switch
    {
        DeliveryMode.Live => services.GetRequiredKeyedService<IPublishingChannel>(account.Network),
        _ => services.GetRequiredService<TrainingPublishingChannel>(),
    };

    /// <summary>The account as channels see it, and its department's reply fallback.</summary>
    internal static async Task<(ChannelAccount Account, ReplyFallback Fallback)> ReadAccountAsync(PoliceFeedsDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var row = await (
                from a in db.PublishingAccounts.AsNoTracking()
                join d in db.Departments.AsNoTracking() on a.DepartmentId equals d.Id
                where a.Id == accountId
                select new { a.Id, a.DepartmentId, a.Handle, a.RemoteUserId, a.ServerUrl, a.Network, d.ReplyFallback })
            .SingleAsync(cancellationToken);
        return (new ChannelAccount(row.Id, row.DepartmentId, row.Handle, row.RemoteUserId, row.ServerUrl) { Network = row.Network }, row.ReplyFallback);
    }
}
