using PoliceFeeds.Core.Archives;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.UnitTests.Archives;

/// <summary>How the archive says a post: fields, takedown, redaction, photo files, names, the CSV row and the LISEZMOI.</summary>
public sealed class ArchiveRulesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, string> Names = new() { ["u-author"] = "Agent Dupont", ["u-validator"] = "Cheffe Martin", ["u-editor"] = "Agent Durand" };

    private static ArchiveDeliveryFacts Delivery(DeliveryStatus status = DeliveryStatus.Sent, DateTime? withdrawn = null) =>
        new(7, 3, PublishingNetwork.Bluesky, "police2b.bsky.social", "https://bsky.social", "at://did:plc:abc/app.bsky.feed.post/3k", "https://bsky.app/profile/police2b.bsky.social/post/3k",
            Utc(7, 1, 8), status, withdrawn, ReplyFallback.None);

    private static ArchiveMessageFacts Message(DateTime? redacted = null) =>
        new(3, "Appel à témoins", "Disparition inquiétante : avez-vous vu Léa ?", null, "u-author", Utc(6, 30, 9), "u-editor", Utc(6, 30, 10), "u-validator", Utc(6, 30, 11), redacted);

    private static readonly ArchivePhotoFacts[] Photos =
    [
        new(21, 3, 1, "image/png", "Plan du quartier"),
        new(20, 3, 0, "image/jpeg", "Photo de Léa, cheveux bruns"),
    ];

    private static readonly ArchiveHistoryFacts[] History =
    [
        new(Utc(6, 30, 10), "u-author", "message.submitted", "Draft", "Submitted", null),
        new(Utc(6, 30, 10, 30), "u-editor", "message.returned_to_draft", "Submitted", "Draft", "modification"),
        new(Utc(6, 30, 11), "u-validator", "message.approved", "Submitted", "Approved", null),
        new(Utc(7, 1, 8), SystemActors.Publisher, "message.published", "Publishing", "Published", null),
        new(Utc(7, 3, 12), "u-validator", "message.person_found", "Published", "WithdrawalRequested", "personne retrouvée"),
    ];

    [Fact]
    public void A_post_gives_its_network_account_remote_post_times_photos_and_the_people_who_made_it()
    {
        var entry = ArchiveRules.Build(Delivery(), Message(), Photos, History[..4], Names, Paris);

        Assert.Equal(("Bluesky", "police2b.bsky.social", "https://bsky.social"), (entry.Network, entry.Account, entry.AccountServer));
        Assert.Equal("at://did:plc:abc/app.bsky.feed.post/3k", entry.RemotePostId);
        Assert.Equal("2026-07-01T10:00:00+02:00", entry.SentAtLocal);
        Assert.Equal("Disparition inquiétante : avez-vous vu Léa ?", entry.Text);
        Assert.Equal(["photos/3-1.jpg", "photos/3-2.png"], entry.Photos.Select(p => p.File));
        Assert.Equal("Photo de Léa, cheveux bruns", entry.Photos[0].AltText);
        Assert.Equal(("Agent Dupont", Utc(6, 30, 9)), (entry.DraftedBy, entry.DraftedAtUtc));
        Assert.Equal(("Agent Durand", (DateTime?)Utc(6, 30, 10, 30)), (entry.LastEditedBy, entry.LastEditedAtUtc));
        Assert.Equal(("Cheffe Martin", (DateTime?)Utc(6, 30, 11)), (entry.ValidatedBy, entry.ValidatedAtUtc));
        Assert.Equal("Sent", entry.Status);
        Assert.Null(entry.TakedownReason);
        Assert.Null(entry.Redaction);
        Assert.Equal("PoliceFeeds (publication automatique)", entry.History[3].By);
    }

    [Fact]
    public void A_taken_down_post_says_when_by_whom_and_why()
    {
        var entry = ArchiveRules.Build(Delivery(DeliveryStatus.Withdrawn, Utc(7, 3, 12, 1)), Message(), Photos, History, Names, Paris);
        Assert.Equal(("Withdrawn", (DateTime?)Utc(7, 3, 12, 1)), (entry.Status, entry.WithdrawnAtUtc));
        Assert.Equal((Utc(7, 3, 12), "Cheffe Martin", "personne retrouvée"), (entry.TakedownRequestedAtUtc!.Value, entry.TakedownRequestedBy, entry.TakedownReason));
    }

    [Fact]
    public void A_redacted_message_gives_neither_text_nor_photos_and_says_when_it_was_redacted()
    {
        var entry = ArchiveRules.Build(Delivery(DeliveryStatus.Withdrawn, Utc(7, 3, 12, 1)), Message(redacted: Utc(7, 10, 2)), Photos, History, Names, Paris);
        Assert.Null(entry.Text);
        Assert.Empty(entry.Photos);
        Assert.Equal(Utc(7, 10, 2), entry.RedactedAtUtc);
        Assert.StartsWith("Texte et photos masqués le 10/07/2026 à 04:00", entry.Redaction, StringComparison.Ordinal);
        var row = ArchiveCsv.Row(entry);
        Assert.Equal("", row[ArchiveCsv.Columns.ToList().IndexOf("text")]);
        Assert.Equal("", row[ArchiveCsv.Columns.ToList().IndexOf("photoFiles")]);
        Assert.Equal(entry.Redaction, row[^1]);
    }

    [Fact]
    public void A_message_without_validation_has_no_validator_and_an_unknown_user_keeps_their_id()
    {
        var message = Message() with { ValidatorId = null, AuthorId = "u-gone" };
        var entry = ArchiveRules.Build(Delivery(), message, [], [], Names, Paris);
        Assert.Null(entry.ValidatedBy);
        Assert.Null(entry.ValidatedAtUtc);
        Assert.Equal("u-gone", entry.DraftedBy);
        Assert.Equal("Agent Durand", entry.LastEditedBy);
        Assert.Null(entry.LastEditedAtUtc);
    }

    [Fact]
    public void The_csv_row_has_one_value_per_column_and_joins_the_photos_in_order()
    {
        var entry = ArchiveRules.Build(Delivery(), Message(), Photos, History[..4], Names, Paris);
        var row = ArchiveCsv.Row(entry);
        Assert.Equal(ArchiveCsv.Columns.Count, row.Length);
        string Column(string name) => row[ArchiveCsv.Columns.ToList().IndexOf(name)];
        Assert.Equal("photos/3-1.jpg | photos/3-2.png", Column("photoFiles"));
        Assert.Equal("Photo de Léa, cheveux bruns | Plan du quartier", Column("photoDescriptions"));
        Assert.Equal("2026-07-01T08:00:00Z", Column("sentAtUtc"));
        Assert.Equal("Bluesky", Column("network"));
    }

    [Theory]
    [InlineData("image/jpeg", "photos/12-1.jpg")]
    [InlineData("image/png", "photos/12-1.png")]
    [InlineData("image/gif", "photos/12-1.gif")]
    [InlineData("image/webp", "photos/12-1.webp")]
    public void Photo_files_are_named_by_message_and_position(string contentType, string file) =>
        Assert.Equal(file, ArchiveRules.PhotoFile(12, 0, contentType));

    [Fact]
    public void The_readme_describes_every_csv_column_in_french()
    {
        var manifest = new ArchiveManifest(1, Utc(12, 7, 9), "Cheffe Martin", new ArchiveDepartment("2B", "Haute-Corse", "DIPN 2B", "Europe/Paris"),
            new ArchivePeriodInfo("2026-07-01", "2026-09-30", "Europe/Paris", Utc(6, 30, 22), Utc(9, 30, 22)), ArchiveScope.Text, ArchiveScope.RedactionNote,
            new ArchiveCounts(3, 2, 1, 1, 1, new Dictionary<string, int> { ["X"] = 3 }));
        var readme = ArchiveReadme.Text(manifest);
        Assert.Contains("du 2026-07-01 au 2026-09-30 inclus", readme, StringComparison.Ordinal);
        Assert.Contains("3 publications, 2 messages, 1 photos", readme, StringComparison.Ordinal);
        foreach (var column in ArchiveCsv.Columns.Where(c => c is not ("photoFiles" or "photoDescriptions")))
        {
            Assert.Contains(column, readme, StringComparison.Ordinal);
        }
    }
}
