namespace PoliceFeeds.Core.Departments;

/// <summary>
/// A department's Police nationale directorate (DIPN or DDPN since 2024, formerly DDSP) with its X account. Every
/// department of <see cref="DepartmentCatalog"/> exists; one is inactive until a national admin activates it: officers
/// can neither see it nor compose for it, and the publisher posts nothing of it (takedowns still go out), while national
/// admins prepare it (account, users, templates, settings).
/// </summary>
public class Department
{
    public int Id { get; set; }

    /// <summary>Department code: 01–95, 2A, 2B, 971–976.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA time zone in which officers schedule messages.</summary>
    public string TimeZoneId { get; set; } = "Europe/Paris";

    public bool IsActive { get; set; } = true;

    /// <summary>The code of the national scope: the national accounts (@pnationale and its Bluesky and Mastodon counterparts).</summary>
    public const string NationalCode = "FR";

    /// <summary>
    /// The national scope rather than a department: its messages go to the national accounts, and national admins draft
    /// and validate them (with the same lifecycle and the same rule that a second person validates).
    /// </summary>
    public bool IsNational { get; set; }

    public const int MaxServiceNameLength = 40;

    /// <summary>The name shown for the directorate ("DIPN 44", "DDPN 974"): set by a national admin, "Police nationale NN" until then.</summary>
    public string ServiceName { get; set; } = "";

    /// <summary>Whether a national admin has chosen whether every message of the department needs validation (saved its settings).</summary>
    public bool ValidationPolicyChosen { get; set; }

    /// <summary>When true the publisher holds every due message of this department.</summary>
    public bool PublishingPaused { get; set; }

    public string? PausedByUserId { get; set; }

    public DateTime? PausedAtUtc { get; set; }

    public string? PauseReason { get; set; }

    /// <summary>Whether every message of this department needs a second person's validation, whatever its category.</summary>
    public bool RequiresValidation { get; set; }

    /// <summary>What the publisher does when a road deviation reaches its end time.</summary>
    public DeviationEndAction DeviationEndAction { get; set; } = DeviationEndAction.Reply;

    /// <summary>Text of the reply posted when a deviation ends; <c>{heure}</c> and <c>{date}</c> are replaced by the local end time.</summary>
    public string DeviationEndTemplate { get; set; } = TimeBoundDefaults.DeviationEndTemplate;

    /// <summary>Text proposed for the thank-you message once a missing person is found (without the person's name).</summary>
    public string FoundThanksTemplate { get; set; } = TimeBoundDefaults.FoundThanksTemplate;

    /// <summary>Days after "person found" at which the appeal's text and photos are redacted in the back office.</summary>
    public int RedactFoundAppealsAfterDays { get; set; } = TimeBoundDefaults.RedactFoundAppealsAfterDays;

    /// <summary>Published appeals still open after this many days are flagged on the department home.</summary>
    public int FlagOpenAppealsAfterDays { get; set; } = TimeBoundDefaults.FlagOpenAppealsAfterDays;

    /// <summary>How a reply refused by X's reply rule goes out: a quote post, a post with a link, or not at all (fails).</summary>
    public Publishing.ReplyFallback ReplyFallback { get; set; } = Publishing.ReplyFallback.QuotePost;

    /// <summary>The accounts it publishes to (any number, on any network).</summary>
    public List<Accounts.PublishingAccount> Accounts { get; set; } = [];

    /// <summary>Its first account on <paramref name="network"/> (by creation), among the loaded <see cref="Accounts"/>.</summary>
    public Accounts.PublishingAccount? FirstAccountOn(Publishing.PublishingNetwork network) =>
        Accounts.Where(a => a.Network == network).OrderBy(a => a.Id).FirstOrDefault();

    public void Pause(string userId, string reason, DateTime now)
    {
        PublishingPaused = true;
        PausedByUserId = userId;
        PausedAtUtc = now;
        PauseReason = reason;
    }

    public void Resume()
    {
        PublishingPaused = false;
        PausedByUserId = null;
        PausedAtUtc = null;
        PauseReason = null;
    }
}
