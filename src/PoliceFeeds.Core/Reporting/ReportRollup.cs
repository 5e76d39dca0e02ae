namespace PoliceFeeds.Core.Reporting;

/// <summary>
/// The report's figures of one closed month for one department, category and network, kept so that a long period is
/// read from a few hundred rows instead of every message: exact counts, engagement sums, and the delays as histograms
/// (<see cref="DurationHistogram"/>). Written only by the roll-up builder, which replaces a whole department-month at once.
/// </summary>
public class ReportRollupCell
{
    /// <summary>The only network today; the column lets figures per network fit when messages go elsewhere too.</summary>
    public const string NetworkX = "x";

    public const int MaxNetworkLength = 20;

    public long Id { get; set; }

    public int DepartmentId { get; set; }

    public int CategoryId { get; set; }

    public string Network { get; set; } = NetworkX;

    /// <summary>The first day of the month, in the department's time zone.</summary>
    public DateOnly Month { get; set; }

    public int Created { get; set; }

    public int Published { get; set; }

    public int Rejected { get; set; }

    public int Cancelled { get; set; }

    public int Failed { get; set; }

    public int Withdrawn { get; set; }

    /// <summary>Failed deliveries per failure code, "code:count" pairs (the report groups the codes into reasons).</summary>
    public string FailuresByCode { get; set; } = "";

    public int Measured { get; set; }

    public long Impressions { get; set; }

    public long Likes { get; set; }

    public long Reposts { get; set; }

    public long Replies { get; set; }

    public long Quotes { get; set; }

    /// <summary>Submission → validation delays of the month (<see cref="DurationHistogram.ToString"/>).</summary>
    public string ValidationDelays { get; set; } = "";

    /// <summary>Due time → publication delays of the month.</summary>
    public string PublicationDelays { get; set; } = "";
}

/// <summary>
/// That the roll-up of one department's month is built (its cells may be none: a month without activity), when, and its
/// most viewed posts. A closed month without this row is computed live by the report, never read as zeros.
/// </summary>
public class ReportRollupMonth
{
    public int DepartmentId { get; set; }

    /// <summary>The first day of the month, in the department's time zone.</summary>
    public DateOnly Month { get; set; }

    public DateTime BuiltAtUtc { get; set; }

    /// <summary>Ids of the month's most viewed published posts when it was built (at most the report's top count), comma-separated.</summary>
    public string TopPostIds { get; set; } = "";
}
