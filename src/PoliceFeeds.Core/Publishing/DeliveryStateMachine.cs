namespace PoliceFeeds.Core.Publishing;

/// <summary>Every change of a delivery's status. Nothing changes a delivery's status except one of these, through <see cref="DeliveryStateMachine"/>.</summary>
public enum DeliveryTransition
{
    /// <summary>A publisher takes a due post under a lease (or takes over an expired lease).</summary>
    Claim,

    /// <summary>A publisher takes a due deletion under a lease (or takes over an expired one).</summary>
    ClaimTakedown,

    /// <summary>A publisher takes a due check under a lease.</summary>
    ClaimCheck,

    /// <summary>A post's attempt is recorded before the channel is called: the marker is set (if not set already).</summary>
    RecordAttempt,

    /// <summary>A deletion's or a check's call is counted before it is made (it creates nothing: the marker stays as it is).</summary>
    RecordCall,

    /// <summary>The post is online: its id recorded.</summary>
    Sent,

    /// <summary>A possibly-sent post found online by a reconciliation (or by a person): recorded, and deleted if someone asked for it.</summary>
    Found,

    /// <summary>A complete read (or a person) found the possibly-sent post absent: the only transition that clears the marker as "not online".</summary>
    ReconciledAbsent,

    /// <summary>Back in the queue after a backoff (or at a reset), marker kept.</summary>
    Retry,

    /// <summary>Back in the queue; the channel's answer proves this attempt created nothing, so the marker it set itself goes.</summary>
    RetryNothingSent,

    /// <summary>A post given up: failed, its marker kept unless the answer proves its only attempt created nothing.</summary>
    Fail,

    /// <summary>The account's target changed since approval (mode, connection): held until re-approved.</summary>
    Hold,

    /// <summary>Claimed but not reached in its run: handed back exactly as it was before the claim.</summary>
    HandBack,

    /// <summary>A person takes over a lease that expired while publishing was paused: back to pending, marker kept.</summary>
    TakeOver,

    /// <summary>Approved again ("Relancer", a new approval, "Valider de nouveau"): back in the queue with a fresh count, marker kept.</summary>
    Requeue,

    /// <summary>The message left the queue (edited back to draft, cancelled, person found): out of the queue, or checked first if possibly sent.</summary>
    LeaveQueue,

    /// <summary>Its post must come down (person found, deviation ended, withdrawn by hand).</summary>
    RequestWithdrawal,

    /// <summary>A person wants to act on a possibly-sent delivery: the publisher checks whether it is online.</summary>
    RequestCheck,

    /// <summary>Its post is deleted (or was already gone).</summary>
    Withdrawn,

    /// <summary>A complete read is impossible (the timeline no longer reaches the attempt): a person must say whether it is online.</summary>
    NeedsHandCheck,
}

/// <summary>What a transition does to the "possibly sent since" marker.</summary>
public enum MarkerEffect
{
    /// <summary>Left as it is.</summary>
    Keep,

    /// <summary>Set at the attempt's time if not set already (an attempt that may create a post).</summary>
    Set,

    /// <summary>Cleared because the post is known to be online (its id replaces the question).</summary>
    AnsweredOnline,

    /// <summary>Cleared because a complete read, or a person, found it absent.</summary>
    AnsweredAbsent,

    /// <summary>Cleared only if this very attempt set it (the answer proves it created nothing); an earlier uncertain attempt stays.</summary>
    UndoOwnAttempt,
}

/// <summary>A condition on the row, read by the update itself (never a value read earlier).</summary>
public enum TransitionGuard
{
    Always,

    /// <summary>Someone asked for the post to come down if it is found (a cancellation or "person found" on a possibly-sent delivery).</summary>
    WithdrawIfFound,

    NotWithdrawIfFound,

    /// <summary>The delivery may be online (its marker is set).</summary>
    PossiblySent,

    NotPossiblySent,

    /// <summary>The delivery was held (mode changed, disconnected) when the check was asked for.</summary>
    Held,
}

/// <summary>One arm of a transition: from this status, when the guard holds, to that status.</summary>
public sealed record TransitionArm(DeliveryStatus From, DeliveryStatus To, TransitionGuard Guard = TransitionGuard.Always);

/// <summary>A transition: its arms (allowed from-states and where each goes) and its effect on the marker.</summary>
public sealed record TransitionRule(DeliveryTransition Transition, MarkerEffect Marker, IReadOnlyList<TransitionArm> Arms)
{
    public IReadOnlySet<DeliveryStatus> From { get; } = Arms.Select(a => a.From).ToHashSet();
}

/// <summary>
/// The delivery state machine, in one place: its states (<see cref="DeliveryStatus"/>), its transitions with their allowed
/// from-states, and what each does to the status and the marker. The publisher's conditional updates, the planner and the
/// pages apply these rules (the database writer turns them into the update's condition and its status expression); the
/// table in <c>docs/publisher.md</c> is generated from <see cref="Rules"/> and checked by a test.
/// </summary>
public static class DeliveryStateMachine
{
    private static readonly TransitionRule[] AllRules =
    [
        Rule(DeliveryTransition.Claim, MarkerEffect.Set, Arm(DeliveryStatus.Pending, DeliveryStatus.Sending), Arm(DeliveryStatus.Sending, DeliveryStatus.Sending)),
        Rule(DeliveryTransition.ClaimTakedown, MarkerEffect.Keep, Arm(DeliveryStatus.WithdrawalRequested, DeliveryStatus.Withdrawing), Arm(DeliveryStatus.Withdrawing, DeliveryStatus.Withdrawing)),
        Rule(DeliveryTransition.ClaimCheck, MarkerEffect.Keep, Arm(DeliveryStatus.CheckRequested, DeliveryStatus.CheckRequested)),
        Rule(DeliveryTransition.RecordAttempt, MarkerEffect.Set, Arm(DeliveryStatus.Sending, DeliveryStatus.Sending)),
        Rule(DeliveryTransition.RecordCall, MarkerEffect.Keep, Arm(DeliveryStatus.Withdrawing, DeliveryStatus.Withdrawing), Arm(DeliveryStatus.CheckRequested, DeliveryStatus.CheckRequested)),
        Rule(DeliveryTransition.Sent, MarkerEffect.AnsweredOnline, Arm(DeliveryStatus.Sending, DeliveryStatus.Sent)),
        Rule(
            DeliveryTransition.Found,
            MarkerEffect.AnsweredOnline,
            Arm(DeliveryStatus.Sending, DeliveryStatus.WithdrawalRequested, TransitionGuard.WithdrawIfFound),
            Arm(DeliveryStatus.Sending, DeliveryStatus.Sent, TransitionGuard.NotWithdrawIfFound),
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.WithdrawalRequested, TransitionGuard.WithdrawIfFound),
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.Sent, TransitionGuard.NotWithdrawIfFound),
            Arm(DeliveryStatus.ToCheckByHand, DeliveryStatus.WithdrawalRequested, TransitionGuard.WithdrawIfFound),
            Arm(DeliveryStatus.ToCheckByHand, DeliveryStatus.Sent, TransitionGuard.NotWithdrawIfFound)),
        Rule(
            DeliveryTransition.ReconciledAbsent,
            MarkerEffect.AnsweredAbsent,
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.Cancelled, TransitionGuard.WithdrawIfFound),
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.Held, TransitionGuard.Held),
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.Failed, TransitionGuard.Always),
            Arm(DeliveryStatus.ToCheckByHand, DeliveryStatus.Cancelled, TransitionGuard.WithdrawIfFound),
            Arm(DeliveryStatus.ToCheckByHand, DeliveryStatus.Held, TransitionGuard.Held),
            Arm(DeliveryStatus.ToCheckByHand, DeliveryStatus.Pending, TransitionGuard.Always)),
        Rule(
            DeliveryTransition.Retry,
            MarkerEffect.Keep,
            Arm(DeliveryStatus.Sending, DeliveryStatus.Pending),
            Arm(DeliveryStatus.Withdrawing, DeliveryStatus.WithdrawalRequested),
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.CheckRequested)),
        Rule(
            DeliveryTransition.RetryNothingSent,
            MarkerEffect.UndoOwnAttempt,
            Arm(DeliveryStatus.Sending, DeliveryStatus.Pending),
            Arm(DeliveryStatus.Withdrawing, DeliveryStatus.WithdrawalRequested)),
        Rule(DeliveryTransition.Fail, MarkerEffect.UndoOwnAttempt, Arm(DeliveryStatus.Sending, DeliveryStatus.Failed)),
        Rule(DeliveryTransition.Hold, MarkerEffect.Keep, Arm(DeliveryStatus.Pending, DeliveryStatus.Held), Arm(DeliveryStatus.Sending, DeliveryStatus.Held)),
        Rule(DeliveryTransition.HandBack, MarkerEffect.UndoOwnAttempt, Arm(DeliveryStatus.Sending, DeliveryStatus.Pending)),
        Rule(DeliveryTransition.TakeOver, MarkerEffect.Keep, Arm(DeliveryStatus.Sending, DeliveryStatus.Pending)),
        Rule(
            DeliveryTransition.Requeue,
            MarkerEffect.Keep,
            Arm(DeliveryStatus.Pending, DeliveryStatus.Pending),
            Arm(DeliveryStatus.Failed, DeliveryStatus.Pending),
            Arm(DeliveryStatus.Held, DeliveryStatus.CheckRequested, TransitionGuard.PossiblySent),
            Arm(DeliveryStatus.Held, DeliveryStatus.Pending, TransitionGuard.NotPossiblySent),
            Arm(DeliveryStatus.Cancelled, DeliveryStatus.Pending),
            Arm(DeliveryStatus.Withdrawn, DeliveryStatus.Pending)),
        Rule(
            DeliveryTransition.LeaveQueue,
            MarkerEffect.Keep,
            Arm(DeliveryStatus.Pending, DeliveryStatus.CheckRequested, TransitionGuard.PossiblySent),
            Arm(DeliveryStatus.Pending, DeliveryStatus.Cancelled, TransitionGuard.NotPossiblySent),
            Arm(DeliveryStatus.Held, DeliveryStatus.CheckRequested, TransitionGuard.PossiblySent),
            Arm(DeliveryStatus.Held, DeliveryStatus.Cancelled, TransitionGuard.NotPossiblySent),
            Arm(DeliveryStatus.Failed, DeliveryStatus.CheckRequested, TransitionGuard.PossiblySent),
            Arm(DeliveryStatus.Failed, DeliveryStatus.Cancelled, TransitionGuard.NotPossiblySent),
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.CheckRequested),
            Arm(DeliveryStatus.ToCheckByHand, DeliveryStatus.ToCheckByHand)),
        Rule(DeliveryTransition.RequestWithdrawal, MarkerEffect.Keep, Arm(DeliveryStatus.Sent, DeliveryStatus.WithdrawalRequested)),
        Rule(DeliveryTransition.RequestCheck, MarkerEffect.Keep, Arm(DeliveryStatus.Failed, DeliveryStatus.CheckRequested, TransitionGuard.PossiblySent)),
        Rule(DeliveryTransition.Withdrawn, MarkerEffect.AnsweredOnline, Arm(DeliveryStatus.Withdrawing, DeliveryStatus.Withdrawn)),
        Rule(
            DeliveryTransition.NeedsHandCheck,
            MarkerEffect.Keep,
            Arm(DeliveryStatus.Sending, DeliveryStatus.ToCheckByHand, TransitionGuard.PossiblySent),
            Arm(DeliveryStatus.CheckRequested, DeliveryStatus.ToCheckByHand, TransitionGuard.PossiblySent)),
    ];

    private static readonly Dictionary<DeliveryTransition, TransitionRule> ByTransition = AllRules.ToDictionary(r => r.Transition);

    /// <summary>Every transition, in the order of <see cref="DeliveryTransition"/>.</summary>
    public static IReadOnlyList<TransitionRule> Rules => AllRules;

    public static TransitionRule Rule(DeliveryTransition transition) => ByTransition[transition];

    /// <summary>Whether <paramref name="transition"/> may start from <paramref name="from"/> (for some row).</summary>
    public static bool Allows(DeliveryTransition transition, DeliveryStatus from) => ByTransition[transition].From.Contains(from);

    /// <summary>Where <paramref name="transition"/> takes <paramref name="delivery"/> as it stands, or null if it may not start from its status.</summary>
    public static DeliveryStatus? Target(DeliveryTransition transition, Delivery delivery) =>
        ByTransition[transition].Arms.FirstOrDefault(a => a.From == delivery.Status && Holds(a.Guard, delivery))?.To;

    /// <summary>
    /// Applies <paramref name="transition"/> to a tracked delivery (the planner's and the pages' changes, saved with the
    /// message under optimistic concurrency): its status and its marker. The caller sets the transition's data (due time,
    /// failure...). Throws if the transition may not start from the delivery's status: a caller that might meet another
    /// state checks <see cref="Target"/> first.
    /// </summary>
    public static void Apply(Delivery delivery, DeliveryTransition transition, DateTime nowUtc, bool ownAttempt = false)
    {
        var rule = ByTransition[transition];
        var to = Target(transition, delivery)
            ?? throw new InvalidOperationException($"Delivery {delivery.Id}: {transition} may not start from {delivery.Status}.");
        delivery.PossiblySentSinceUtc = rule.Marker switch
        {
            MarkerEffect.Set => delivery.PossiblySentSinceUtc ?? nowUtc,
            MarkerEffect.AnsweredOnline or MarkerEffect.AnsweredAbsent => null,
            MarkerEffect.UndoOwnAttempt when ownAttempt => null,
            _ => delivery.PossiblySentSinceUtc,
        };
        delivery.Status = to;
    }

    /// <summary>Whether a guard holds for a delivery as it stands.</summary>
    public static bool Holds(TransitionGuard guard, Delivery delivery) => guard switch
    {
        TransitionGuard.WithdrawIfFound => delivery.WithdrawIfFound,
        TransitionGuard.NotWithdrawIfFound => !delivery.WithdrawIfFound,
        TransitionGuard.PossiblySent => delivery.PossiblySentSinceUtc is not null,
        TransitionGuard.NotPossiblySent => delivery.PossiblySentSinceUtc is null,
        TransitionGuard.Held => delivery.Hold != DeliveryHold.None,
        _ => true,
    };

    private static TransitionRule Rule(DeliveryTransition transition, MarkerEffect marker, params TransitionArm[] arms) => new(transition, marker, arms);

    private static TransitionArm Arm(DeliveryStatus from, DeliveryStatus to, TransitionGuard guard = TransitionGuard.Always) => new(from, to, guard);
}
