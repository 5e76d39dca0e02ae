using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Publishing;

/// <summary>
/// The runs claimed in one transaction, claimed together at its end in one update and one update of their messages. When
/// a hundred accounts start together, each claim's own two statements, with the EF Core work around them, kept the single
/// writer busy for about 2.5 ms per account before the last first post could go out; a group's claims now cost that
/// once.
/// <para>
/// The runs claimed together share one lease token, which stays a fencing token: a worker's every later read and update is
/// conditional on its own deliveries (<see cref="ClaimedRun.Ids"/>) and the token, and a delivery asked for by two runs of
/// the same group goes to the first only.
/// </para>
/// </summary>
internal sealed class ClaimBatch : IGroupCommitStep
{
    private readonly List<ClaimRequest> _requests = [];
    private readonly HashSet<long> _asked = [];
    private PublishingOptions? _options;
    private TimeProvider? _timeProvider;

    /// <summary>A run to claim at the end of the group: its <see cref="ClaimRequest.Run"/> is known once the group is committed.</summary>
    public ClaimRequest Add(IReadOnlyList<long> ids, PublishingOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        var request = new ClaimRequest(ids.Where(_asked.Add).ToList());
        _requests.Add(request);
        return request;
    }

    public async Task RunAsync(PoliceFeedsDbContext db, CancellationToken cancellationToken)
    {
        var ids = _requests.SelectMany(r => r.Ids).ToList();
        if (ids.Count == 0 || _options is not { } options || _timeProvider is not { } timeProvider)
        {
            return;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var run = new ClaimedRun(token, now, now + options.LeaseDuration, []);
        var recordedUntil = run.RecordedLeaseExpiry;
        var checkFirstUntil = run.CheckFirstLeaseExpiry;
        var attemptAt = now;

        // The attempt of every delivery with no uncertain attempt pending is recorded by the claim itself (attempts + 1,
        // marker set), so each is recorded before the channel is called; the others are claimed as they are, to be checked
        // before anything is posted. Which is which the lease expiry tells (ClaimedRun.RecordedAtClaim), never timestamps:
        // with a coarse or frozen clock an earlier uncertain attempt can carry the very same time as this claim. Every
        // right-hand side reads the row as it was before the update (SQL's rule, on both providers).
        var due = DueDeliveries.Query(db, now, options.ClockSkewTolerance).Where(x => ids.Contains(x.Id)).Select(x => x.Id);
        var count = await db.Deliveries.Where(d => due.Contains(d.Id)).Allowing(DeliveryTransition.Claim).ExecuteUpdateAsync(
            s => s
                .Transition(DeliveryTransition.Claim, attemptAt)
                .SetProperty(d => d.LeaseOwner, options.InstanceId)
                .SetProperty(d => d.LeaseToken, token)
                .SetProperty(d => d.LeaseExpiresAtUtc, d => d.PossiblySentSinceUtc == null ? recordedUntil : checkFirstUntil)
                .SetProperty(d => d.Attempts, d => d.PossiblySentSinceUtc == null ? d.Attempts + 1 : d.Attempts)
                .SetProperty(d => d.LastAttemptAtUtc, d => d.PossiblySentSinceUtc == null ? attemptAt : d.LastAttemptAtUtc),
            cancellationToken);
        if (count == 0)
        {
            return;
        }

        await DeliveryClaims.SetMessagesAsync(db, ids, token, MessageStatus.Approved, MessageStatus.Publishing, cancellationToken);
        foreach (var request in _requests.Where(r => r.Ids.Count > 0))
        {
            request.Run = run with { Ids = request.Ids };
        }
    }
}

/// <summary>
/// One run asked of a <see cref="ClaimBatch"/>: the deliveries it may take (none already asked for in the batch) and, once
/// committed, the claimed run; null when the batch took nothing at all. The run's deliveries actually taken are those
/// read back under its token.
/// </summary>
internal sealed class ClaimRequest(IReadOnlyList<long> ids)
{
    public IReadOnlyList<long> Ids { get; } = ids;

    public ClaimedRun? Run { get; set; }
}
