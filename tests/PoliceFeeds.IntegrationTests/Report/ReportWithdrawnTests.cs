using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>
/// Withdrawn messages (published, then taken down from X) in the report: counted as published in the month they went
/// out and as withdrawn in the month of their deletion, January to March 2026 (Europe/Paris), in 44 and 35.
/// </summary>
public sealed class ReportWithdrawnFixture : IAsyncLifetime
{
    public PoliceFeedsAppFactory Factory { get; } = new();

    public long FoundAppeal { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.Settings["Publishing:RunHostedService"] = "false";
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();

        Message Make(int department, int category, string published, int lagMinutes, MessageStatus status, string? withdrawn = null)
        {
            var at = ReportTestData.At(published);
            return new Message
            {
                DepartmentId = department,
                CategoryId = category,
                Text = $"Retrait {department}-{category}-{published}-{Guid.NewGuid():N}",
                AuthorId = author,
                Status = status,
                CreatedAtUtc = at.AddHours(-1),
                UpdatedAtUtc = withdrawn is null ? at : ReportTestData.At(withdrawn),
                DueAtUtc = at.AddMinutes(-lagMinutes),
                PublishedAtUtc = at,
                WithdrawnAtUtc = withdrawn is null ? null : ReportTestData.At(withdrawn),
                XPostId = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        const int d44 = DemoUsers.Department44, d35 = DemoUsers.Department35, prevention = 1, missing = 4;
        // Withdrawn by a validator: published in January, deleted in February.
        var w1 = Make(d44, prevention, "2026-01-10T09:00", 2, MessageStatus.Withdrawn, "2026-02-05T10:00");
        // Person found: published and deleted in February.
        var w2 = Make(d44, missing, "2026-02-01T10:00", 4, MessageStatus.Withdrawn, "2026-02-03T10:00");
        // Withdrawal requested, not yet done: published in March, not (yet) withdrawn.
        var w3 = Make(d35, prevention, "2026-03-01T10:00", 6, MessageStatus.WithdrawalRequested);
        // Published in December (outside the period), deleted in January (inside): withdrawn in January only.
        var w4 = Make(d44, prevention, "2025-12-20T10:00", 10, MessageStatus.Withdrawn, "2026-01-02T10:00");
        var p1 = Make(d44, prevention, "2026-01-15T09:00", 8, MessageStatus.Published);
        db.Messages.AddRange(w1, w2, w3, w4, p1);
        await db.SaveChangesAsync();
        db.PostMetricsSnapshots.Add(new PostMetricsSnapshot { MessageId = w2.Id, TakenAtUtc = ReportTestData.At("2026-02-02T10:00"), Impressions = 700, Likes = 7 });
        await db.SaveChangesAsync();
        FoundAppeal = w2.Id;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class ReportWithdrawnTests(ReportWithdrawnFixture fixture) : IClassFixture<ReportWithdrawnFixture>
{
    private static string[] Values(IHtmlDocument page, string rowSelector) =>
        page.QuerySelector(rowSelector)!.QuerySelectorAll("td").Select(td => td.GetAttribute("data-value") ?? td.TextContent.Trim()).ToArray();

    private async Task<IHtmlDocument> ReportAsync(string email, string query = ReportTestData.Period)
    {
        using var client = fixture.Factory.CreateTestClient();
        await client.SignInAsync(email);
        return await client.GetPageAsync("/Report?" + query);
    }

    [Fact]
    public async Task A_withdrawn_message_counts_as_published_when_it_went_out_and_as_withdrawn_when_it_was_deleted()
    {
        var page = await ReportAsync(DemoUsers.Admin);

        Assert.Contains("Retirés", page.QuerySelector("#table-activity thead")!.TextContent, StringComparison.Ordinal);
        // Created, published, rejected, cancelled, failed, withdrawn.
        Assert.Equal(["2", "2", "0", "0", "0", "1"], Values(page, "#table-activity tbody tr:nth-child(1)"));
        Assert.Equal(["1", "1", "0", "0", "0", "2"], Values(page, "#table-activity tbody tr:nth-child(2)"));
        Assert.Equal(["1", "1", "0", "0", "0", "0"], Values(page, "#table-activity tbody tr:nth-child(3)"));
        Assert.Equal(["4", "4", "0", "0", "0", "3"], Values(page, "#table-activity tfoot tr"));

        // By department and category (after the category label): drafted, published, rejected, cancelled, failed, withdrawn.
        Assert.Equal(["2", "2", "0", "0", "0", "2"], Values(page, "#table-breakdown tr[data-department='44'][data-category='prevention']")[1..7]);
        Assert.Equal(["1", "1", "0", "0", "0", "1"], Values(page, "#table-breakdown tr[data-department='44'][data-category='missing-person']")[1..7]);
        Assert.Equal(["1", "1", "0", "0", "0", "0"], Values(page, "#table-breakdown tr[data-department='35'][data-category='prevention']")[1..7]);

        // Consistent with "publiés": their publication delays (2, 4, 6, 8 min) and engagement count too.
        Assert.Equal("4", page.QuerySelectorAll("#delays-total td")[3].TextContent.Trim());
        Assert.Equal($"/Report/Post/{fixture.FoundAppeal}", page.QuerySelector("#table-top-posts tbody tr a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_csv_has_a_withdrawn_column_after_the_failed_one()
    {
        using var client = fixture.Factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);

        using var response = await client.GetAsync("/Report?handler=Export&" + ReportTestData.Period);

        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Département;Catégorie;Mois;Rédigés;Publiés;Rejetés;Annulés;En échec;Retirés;", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("44;Prévention;2026-01;2;2;0;0;0;1;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("44;Prévention;2026-02;0;0;0;0;0;1;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("44;Disparition inquiétante;2026-02;1;1;0;0;0;1;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("35;Prévention;2026-03;1;1;0;0;0;0;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_validator_sees_only_the_withdrawn_messages_of_their_department()
    {
        var page = await ReportAsync(DemoUsers.Validator35);

        Assert.Equal(["1", "1", "0", "0", "0", "0"], Values(page, "#table-activity tfoot tr"));
        Assert.Empty(page.QuerySelectorAll("[data-department='44']"));
    }
}
