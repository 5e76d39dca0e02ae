namespace PoliceFeeds.Core.Messages;

/// <summary>
/// A missing-person appeal online for longer than its department's threshold is flagged, so that someone checks whether
/// the person was found (the home page's banner and rows, the message page).
/// </summary>
public static class OpenAppeals
{
    /// <summary>
    /// The whole days a published, not yet found appeal has been online, when more than <paramref name="flagAfterDays"/>;
    /// null for anything else (the home page's filter asks the database the same: published before now minus the threshold).
    /// </summary>
    public static int? DaysOpen(bool isMissingPersonAppeal, MessageStatus status, DateTime? foundAtUtc, DateTime? publishedAtUtc, DateTime nowUtc, int flagAfterDays) =>
        isMissingPersonAppeal && status == MessageStatus.Published && foundAtUtc is null
            && publishedAtUtc is { } published && (nowUtc - published).TotalDays > flagAfterDays
            ? (int)(nowUtc - published).TotalDays
            : null;
}
