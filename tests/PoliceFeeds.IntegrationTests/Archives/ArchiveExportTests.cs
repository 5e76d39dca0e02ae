using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Archives;

/// <summary>
/// The archive of a department's quarter (/Archives): the ZIP's files and what its manifest says of posts on X, Bluesky and
/// Mastodon, a takedown, a redacted appeal and photos; who may download it; a bad period explained in French.
/// </summary>
public sealed class ArchiveExportTests : IClassFixture<PoliceFeedsAppFactory>, IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory;
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly Dictionary<PoliceFeedsAppFactory, ArchiveTestData.Seeded> SeededBy = [];

    public ArchiveExportTests(PoliceFeedsAppFactory factory)
    {
        _factory = factory;
        _factory.Settings["Publishing:RunHostedService"] = "false";
    }

    private ArchiveTestData.Seeded Data => SeededBy[_factory];

    public async Task InitializeAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!SeededBy.ContainsKey(_factory))
            {
                SeededBy[_factory] = await ArchiveTestData.SeedAsync(_factory);
            }
        }
        finally
        {
            Seeding.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<TestClient> SignInAsync(string email)
    {
        var client = _factory.CreateTestClient();
        await client.SignInAsync(email);
        return client;
    }

    private string DownloadUrl(string period = ArchiveTestData.Quarter, int? departmentId = null) =>
        $"/Archives?handler=Download&departmentId={departmentId ?? Data.DepartmentId}&{period}";

    [Fact]
    public async Task The_validator_downloads_the_quarter_with_its_manifests_photos_and_readme()
    {
        using var validator = await SignInAsync(ArchiveTestData.Validator);
        using var response = await validator.GetAsync(DownloadUrl());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("archive-2B-2026-07-01-2026-09-30.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var everywhere = Data.Everywhere;
        Assert.Equal(
            new[] { "LISEZMOI.txt", "manifest.csv", "manifest.json", $"photos/{everywhere}-1.jpg", $"photos/{everywhere}-2.png" },
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(ArchiveTestData.JpegBytes, Read(zip, $"photos/{everywhere}-1.jpg"));
        Assert.Equal(ArchiveTestData.PngBytes, Read(zip, $"photos/{everywhere}-2.png"));

        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        var root = manifest.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("2B", root.GetProperty("department").GetProperty("code").GetString());
        Assert.Equal("2026-07-01", root.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-06-30T22:00:00Z", root.GetProperty("period").GetProperty("fromUtc").GetString());
        var counts = root.GetProperty("counts");
        Assert.Equal((6, 4, 2, 1, 2), (counts.GetProperty("posts").GetInt32(), counts.GetProperty("messages").GetInt32(), counts.GetProperty("photos").GetInt32(),
            counts.GetProperty("redactedMessages").GetInt32(), counts.GetProperty("takenDown").GetInt32()));
        Assert.Equal(4, counts.GetProperty("postsByNetwork").GetProperty("X").GetInt32());

        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(6, entries.Count);
        var messageIds = entries.Select(e => e.GetProperty("messageId").GetInt64()).ToHashSet();
        Assert.Equal(new HashSet<long> { Data.Everywhere, Data.TakenDown, Data.Redacted, Data.Midnight }, messageIds);

        var networks = entries.Where(e => e.GetProperty("messageId").GetInt64() == everywhere).ToDictionary(e => e.GetProperty("network").GetString()!);
        Assert.Equal(["Bluesky", "Mastodon", "X"], networks.Keys.Order(StringComparer.Ordinal));
        var bluesky = networks["Bluesky"];
        Assert.Equal("police2b.bsky.social", bluesky.GetProperty("account").GetString());
        Assert.Equal("https://bsky.social", bluesky.GetProperty("accountServer").GetString());
        Assert.Equal("at://did:plc:police2b/app.bsky.feed.post/3kabc", bluesky.GetProperty("remotePostId").GetString());
        Assert.Equal("https://bsky.app/profile/police2b.bsky.social/post/3kabc", bluesky.GetProperty("remotePostUrl").GetString());
        Assert.Equal("2026-07-15T08:01:00Z", bluesky.GetProperty("sentAtUtc").GetString());
        Assert.Equal("2026-07-15T10:01:00+02:00", bluesky.GetProperty("sentAtLocal").GetString());
        Assert.Equal("Prévention : fermez vos portières, même pour une minute.", bluesky.GetProperty("text").GetString());
        Assert.Equal("https://social.numerique.gouv.fr/@police2b/113000000000000001", networks["Mastodon"].GetProperty("remotePostUrl").GetString());
        var photos = bluesky.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal([$"photos/{everywhere}-1.jpg", $"photos/{everywhere}-2.png"], photos.Select(p => p.GetProperty("file").GetString()));
        Assert.Equal("Affiche « Fermez à clé »", photos[1].GetProperty("altText").GetString());
        Assert.Equal(("Agent Paoli", "Cheffe Santoni", "Cheffe Santoni"),
            (bluesky.GetProperty("draftedBy").GetString(), bluesky.GetProperty("lastEditedBy").GetString(), bluesky.GetProperty("validatedBy").GetString()));
        Assert.Equal("2026-07-15T05:30:00Z", bluesky.GetProperty("lastEditedAtUtc").GetString());
        Assert.Equal("2026-07-15T07:00:00Z", bluesky.GetProperty("validatedAtUtc").GetString());
        Assert.Equal(JsonValueKind.Null, bluesky.GetProperty("redaction").ValueKind);
        Assert.Contains(bluesky.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "message.approved");

        var takenDown = entries.Single(e => e.GetProperty("messageId").GetInt64() == Data.TakenDown);
        Assert.Equal("Withdrawn", takenDown.GetProperty("status").GetString());
        Assert.Equal("Date erronée", takenDown.GetProperty("takedownReason").GetString());
        Assert.Equal("Cheffe Santoni", takenDown.GetProperty("takedownRequestedBy").GetString());
        Assert.Equal("2026-08-02T09:20:00Z", takenDown.GetProperty("withdrawnAtUtc").GetString());

        var redacted = entries.Single(e => e.GetProperty("messageId").GetInt64() == Data.Redacted);
        Assert.Equal(JsonValueKind.Null, redacted.GetProperty("text").ValueKind);
        Assert.Empty(redacted.GetProperty("photos").EnumerateArray());
        Assert.Equal("2026-09-09T07:00:00Z", redacted.GetProperty("redactedAtUtc").GetString());
        Assert.StartsWith("Texte et photos masqués le 09/09/2026 à 09:00", redacted.GetProperty("redaction").GetString(), StringComparison.Ordinal);
        Assert.Equal("personne retrouvée", redacted.GetProperty("takedownReason").GetString());

        var csv = Encoding.UTF8.GetString(Read(zip, "manifest.csv"));
        Assert.StartsWith("\uFEFFdeliveryId;messageId;network;account;", csv, StringComparison.Ordinal);
        Assert.Equal(7, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Affiche « Fermez à clé »", csv, StringComparison.Ordinal);
        Assert.Contains("Date erronée", csv, StringComparison.Ordinal);

        var readme = Encoding.UTF8.GetString(Read(zip, "LISEZMOI.txt"));
        Assert.Contains("Haute-Corse", readme, StringComparison.Ordinal);
        Assert.Contains("takedownReason", readme, StringComparison.Ordinal);

        // What the redaction removed appears nowhere, nor any post of another department, of June or of the training timeline.
        var everything = string.Join("\n", zip.Entries.Where(e => !e.FullName.StartsWith("photos/", StringComparison.Ordinal)).Select(e => Encoding.UTF8.GetString(Read(zip, e.FullName))));
        Assert.DoesNotContain(Message.RedactedText, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Nantes", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Encore juin", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("entraînement.", everything.Replace("fil d'entraînement", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Bonne nuit depuis Bastia.", everything, StringComparison.Ordinal);

        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var audit = await db.AuditEntries.Where(a => a.Action == "archive.exported" && a.DepartmentId == Data.DepartmentId).ToListAsync();
        Assert.Contains(audit, a => a.ActorName == ArchiveTestData.Validator && a.Details!.StartsWith("2026-07-01..2026-09-30", StringComparison.Ordinal) && a.Details.Contains("6 publications", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_national_admin_downloads_any_department_and_sees_the_form()
    {
        using var admin = await SignInAsync(DemoUsers.Admin);
        var page = await admin.GetPageAsync("/Archives");
        Assert.NotNull(page.QuerySelector($"select[name=departmentId] option[value='{Data.DepartmentId}']"));
        Assert.Equal("2026-07-01", page.QuerySelector("input[name=from]")?.GetAttribute("value"));
        Assert.Equal("2026-09-30", page.QuerySelector("input[name=to]")?.GetAttribute("value"));

        using var response = await admin.GetAsync(DownloadUrl());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.NotNull(zip.GetEntry("manifest.json"));
    }

    [Fact]
    public async Task Officers_and_validators_of_another_department_are_refused()
    {
        using var officer = await SignInAsync(ArchiveTestData.Officer);
        foreach (var url in new[] { "/Archives", DownloadUrl() })
        {
            // Refused by the folder's policy, as the report: to the access-denied page.
            using var refused = await officer.GetAsync(url);
            Assert.True(IsRefused(refused), $"{url}: {(int)refused.StatusCode}");
        }

        using (var menu = await officer.GetAsync("/Messages"))
        {
            Assert.DoesNotContain("href=\"/Archives\"", await menu.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var other = await SignInAsync(DemoUsers.Validator35);
        using (var refused = await other.GetAsync(DownloadUrl()))
        {
            Assert.True(IsRefused(refused), $"{(int)refused.StatusCode}");
            Assert.NotEqual("application/zip", refused.Content.Headers.ContentType?.MediaType);
        }

        var own = await other.GetPageAsync("/Archives");
        Assert.Null(own.QuerySelector($"select[name=departmentId] option[value='{Data.DepartmentId}']"));
        using var unknown = await other.GetAsync(DownloadUrl(departmentId: 999_999));
        Assert.True(IsRefused(unknown), $"{(int)unknown.StatusCode}");
    }

    [Theory]
    [InlineData("from=2026-09-30&to=2026-07-01", "La date de fin doit être postérieure ou égale à la date de début.")]
    [InlineData("from=2026-01-01&to=2027-06-30", "La période ne peut pas dépasser 366 jours")]
    [InlineData("from=2026-02-30&to=2026-03-31", "Saisissez une date valide")]
    [InlineData("from=&to=2026-03-31", "Indiquez la date de début de la période.")]
    [InlineData("from=2026-07-01&to=x%27%3B--", "Saisissez une date valide")]
    public async Task A_bad_period_is_explained_in_french_and_nothing_is_exported_nor_audited(string period, string message)
    {
        using var validator = await SignInAsync(ArchiveTestData.Validator);
        int Before() => CountExports();
        var before = Before();
        using var response = await validator.GetAsync(DownloadUrl(period));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#archive-errors")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal(before, Before());

        using var noDepartment = await validator.GetAsync($"/Archives?handler=Download&departmentId=&{ArchiveTestData.Quarter}");
        Assert.Equal(HttpStatusCode.BadRequest, noDepartment.StatusCode);
        Assert.Contains("Choisissez un département.", (await TestClient.ParseAsync(noDepartment)).QuerySelector("#archive-errors")?.TextContent ?? "", StringComparison.Ordinal);
    }

    /// <summary>403, or the cookie scheme's answer to it: the access-denied page.</summary>
    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true);

    private int CountExports()
    {
        using var scope = _factory.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().AuditEntries.Count(a => a.Action == "archive.exported");
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
