namespace PoliceFeeds.Core.Sandbox;

/// <summary>
/// A post on a department's training timeline ("fil d'entraînement"). Sandbox accounts publish here through the same
/// publisher instead of X.
/// </summary>
public class SandboxPost
{
    public long Id { get; set; }

    /// <summary>Identifier shaped like an X post id (digits), unique.</summary>
    public required string PostId { get; set; }

    public int DepartmentId { get; set; }

    /// <summary>
    /// The account whose training timeline it is on (a department may have several accounts, each with its own). The posts
    /// made before accounts were told apart were given their department's first account by the migration.
    /// </summary>
    public int? AccountId { get; set; }

    public required string Handle { get; set; }

    public required string Text { get; set; }

    public string? InReplyToPostId { get; set; }

    /// <summary>Number of photos posted with it.</summary>
    public int PhotoCount { get; set; }

    /// <summary>Alt texts of the photos, one per line.</summary>
    public string? AltTexts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? DeletedAtUtc { get; set; }
}
