namespace PoliceFeeds.Infrastructure.Data;

/// <summary>National settings stored in the database (one row), such as the national publishing switch.</summary>
public class PublishingSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>The national switch: when false, nothing is published anywhere.</summary>
    public bool PublishingEnabled { get; set; } = true;

    public string? ChangedByUserId { get; set; }

    public DateTime? ChangedAtUtc { get; set; }

    public string? Reason { get; set; }
}
