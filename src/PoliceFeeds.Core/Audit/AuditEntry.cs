namespace PoliceFeeds.Core.Audit;

/// <summary>One line of the append-only audit trail. The application never updates nor deletes one.</summary>
public class AuditEntry
{
    /// <summary>Longest <see cref="Details"/> stored (the column's length); longer details are cut.</summary>
    public const int MaxDetailsLength = 4000;

    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>User id, or a system actor such as "system:publisher".</summary>
    public required string ActorId { get; set; }

    public string? ActorName { get; set; }

    /// <summary>What happened, as a stable key ("message.approved", "department.paused"...).</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    /// <summary>Department concerned, for filtering; null for national actions.</summary>
    public int? DepartmentId { get; set; }

    public string? FromStatus { get; set; }

    public string? ToStatus { get; set; }

    public string? Details { get; set; }
}

public static class SystemActors
{
    public const string Publisher = "system:publisher";
    public const string Seed = "system:seed";
}
