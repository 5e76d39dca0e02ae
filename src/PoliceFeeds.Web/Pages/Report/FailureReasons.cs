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

    /// <summary>The grouping as an expression EF Core turns into a CASE over the code (SQLite and SQL Server alike).</summary>
    public static readonly Expression<Func<DeliveryFailure, int>> OfFailure = f =>
        f == DeliveryFailure.Duplicate ? Duplicate
        : f == DeliveryFailure.Rejected || f == DeliveryFailure.ReplyRefused ? RejectedByX
        : f == DeliveryFailure.Unavailable || f == DeliveryFailure.PossiblySent || f == DeliveryFailure.ReconcileFailed ? GaveUpAfterRetries
        : Other;

    public static string ResourceKey(int reason) => reason switch
    {
        Duplicate => "Failure.Duplicate",
        RejectedByX => "Failure.RejectedByX",
        GaveUpAfterRetries => "Failure.GaveUp",
        _ => "Failure.Other",
    };
}
