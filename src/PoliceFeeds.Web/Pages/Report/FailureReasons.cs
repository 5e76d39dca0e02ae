using System.Linq.Expressions;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>
/// The reasons a publication fails, recognised from the beginning of <see cref="Message.LastError"/>: the publisher
/// (<c>PublishingProcessor</c>) writes a fixed set of French sentences, some followed by X's own detail, so the report
/// groups on the sentence and not on the whole text. A sentence changed in the publisher falls into
/// <see cref="Other"/> until it is added here; <c>Report/FailureReasonTests</c> drives the real publisher to keep both
/// in step.
/// </summary>
public static class FailureReasons
{
    public const int Other = 0;
    public const int Duplicate = 1;
    public const int RejectedByX = 2;
    public const int GaveUpAfterRetries = 3;

    public static readonly int[] All = [Duplicate, RejectedByX, GaveUpAfterRetries, Other];

    // Prefixes and fragments of the publisher's sentences (PublishingProcessor.FailAsync callers).
    private const string DuplicatePrefix = "X refuse ce message car un texte identique";
    private const string RejectedPrefix = "X a refusé le message";
    private const string GaveUpFragment = "Abandon après";

    /// <summary>The classification as an expression EF Core turns into a CASE over LIKE tests (SQLite and SQL Server alike).</summary>
    public static readonly Expression<Func<Message, int>> OfMessage = m =>
        m.LastError == null ? Other
        : m.LastError.StartsWith(DuplicatePrefix) ? Duplicate
        : m.LastError.StartsWith(RejectedPrefix) ? RejectedByX
        : m.LastError.Contains(GaveUpFragment) ? GaveUpAfterRetries
        : Other;

    public static string ResourceKey(int reason) => reason switch
    {
        Duplicate => "Failure.Duplicate",
        RejectedByX => "Failure.RejectedByX",
        GaveUpAfterRetries => "Failure.GaveUp",
        _ => "Failure.Other",
    };
}
