namespace PoliceFeeds.Core.Messages;

/// <summary>Who looks at a message, as far as the actions on it depend on it: their id and their roles in its department.</summary>
public readonly record struct MessageViewer(string UserId, bool DraftsForDepartment, bool ValidatesForDepartment);

/// <summary>
/// The actions the message page offers a <see cref="MessageViewer"/> on a message, by its status, category and roles.
/// Each one is offered only where the lifecycle would accept it (the handlers still go through the lifecycle, which has
/// the last word: a page read before another person's change must not act on it).
/// </summary>
/// <param name="Edit">Edit, cancel, submit a draft, retry a failure: the user drafts for the department and the message is editable.</param>
/// <param name="Validate">Approve or reject: submitted, the user validates for the department and did not write or change the wording (four eyes).</param>
/// <param name="MarkFound">"Personne retrouvée": a missing-person appeal not yet found, not final nor being published, by a validator or its author.</param>
/// <param name="EndDeviation">"Fin de la déviation": a road deviation not yet ended, published or still editable, by someone who drafts for the department.</param>
/// <param name="Withdraw">Take a published post down by hand: validators only.</param>
/// <param name="Reapprove">Approve again the deliveries held by a mode change or a disconnection: validators only, and not one who wrote or changed the message (four eyes).</param>
/// <param name="FollowUp">Write a reply to the published post (not once its text was redacted).</param>
/// <param name="Duplicate">"Dupliquer": a copy as a new draft, unless the text was (or will be) redacted.</param>
/// <param name="PrepareThanks">Write the thank-you after a found person's appeal.</param>
/// <param name="RetryFailedDeliveries">"Relancer" the deliveries that failed while the message is online elsewhere: the user drafts for the department.</param>
public sealed record MessageActions(
    bool Edit,
    bool Validate,
    bool MarkFound,
    bool EndDeviation,
    bool Withdraw,
    bool Reapprove,
    bool FollowUp,
    bool Duplicate,
    bool PrepareThanks,
    bool RetryFailedDeliveries = false)
{
    /// <summary>What <paramref name="viewer"/> may do with <paramref name="message"/> (of category <paramref name="categoryKey"/>).</summary>
    /// <param name="hasHeldDelivery">A delivery of the message is held (its account changed mode or was disconnected since approval).</param>
    /// <param name="hasFailedDelivery">A delivery of the message failed (another may be online).</param>
    /// <param name="publishingStalled">
    /// The message shows "publication en cours" only through leases that expired (a worker stopped, and a pause keeps the
    /// publisher from taking them over): "Personne retrouvée" is offered, its handler hands the deliveries back first.
    /// </param>
    public static MessageActions For(Message message, string? categoryKey, MessageViewer viewer, bool hasHeldDelivery, bool publishingStalled = false, bool hasFailedDelivery = false)
    {
        var drafts = viewer.DraftsForDepartment;
        var validates = viewer.ValidatesForDepartment;
        return new MessageActions(
            Edit: drafts && message.IsEditable,
            Validate: validates && message.Status == MessageStatus.Submitted && message.CanBeReviewedBy(viewer.UserId),
            MarkFound: categoryKey == CategoryKeys.MissingPerson && message.FoundAtUtc is null
                && message.Status is not (MessageStatus.Cancelled or MessageStatus.Withdrawn)
                && (message.Status != MessageStatus.Publishing || publishingStalled)
                && (validates || (drafts && message.AuthorId == viewer.UserId)),
            EndDeviation: drafts && categoryKey == CategoryKeys.RoadDeviation && message.EndedAtUtc is null
                && (message.Status == MessageStatus.Published || message.IsEditable),
            Withdraw: validates && message.Status == MessageStatus.Published,
            Reapprove: validates && hasHeldDelivery && message.CheckReapproval(viewer.UserId).Succeeded,
            FollowUp: drafts && message.RedactedAtUtc is null && message.CanStartFollowUp(FollowUpKind.Reply).Succeeded,
            Duplicate: drafts && message.CanBeDuplicated,
            PrepareThanks: drafts && message.CanStartFollowUp(FollowUpKind.FoundThanks).Succeeded,
            RetryFailedDeliveries: drafts && hasFailedDelivery && message.Status == MessageStatus.Published);
    }

    /// <summary>Nothing offered (the page before it knows the viewer).</summary>
    public static MessageActions None { get; } = new(false, false, false, false, false, false, false, false, false);

    /// <summary>Whether any of the time-bound or follow-up actions is offered (the page's "Suites" block).</summary>
    public bool AnyFollowUpAction => MarkFound || EndDeviation || Withdraw || FollowUp || PrepareThanks;
}
