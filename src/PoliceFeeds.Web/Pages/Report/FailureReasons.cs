using System.Linq.Expressions;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>
/// The report's groups of failures, from the deliveries' failure codes (<see cref="DeliveryFailure"/>): the publisher stores
/// a code and keeps the remote detail apart, so the report groups on the code, in any language.
/// </summary>
public static class FailureReasons
{
    public const int Other = 0;
    public const int Duplicate = 1;
    public const int RejectedByX = 2;
    public const int GaveUpAfterRetries = 3;

    public static readonly int[] All = [Duplicate, RejectedByX, GaveUpAfterRetries, Other];

    /// <summary>The grouping of the codes (the report counts failures per code in the database and groups them here).</summary>
    public static readonly Expression<Func<DeliveryFailure, int>> OfFailure = f =>
        f == DeliveryFailure.Duplicate ? Duplicate
        : f == DeliveryFailure.Rejected || f == DeliveryFailure.ReplyRefused ? RejectedByX
        : f == DeliveryFailure.Unavailable || f == DeliveryFailure.PossiblySent || f == DeliveryFailure.ReconcileFailed ? GaveUpAfterRetries
        : Other;

    private static readonly Func<DeliveryFailure, int> Compiled = OfFailure.Compile();

    /// <summary>The reason a failure code is reported under.</summary>
    public static int Of(DeliveryFailure failure) => Compiled(failure);

    public static string ResourceKey(int reason) => reason switch
    {
        Duplicate => "Failure.Duplicate",
        RejectedByX => "Failure.RejectedByX",
        GaveUpAfterRetries => "Failure.GaveUp",
        _ => "Failure.Other",
    };
}
