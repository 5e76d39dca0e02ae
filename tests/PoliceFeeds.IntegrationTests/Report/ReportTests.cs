using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>The app with the known pilot history of <see cref="ReportTestData"/>, seeded once for the class.</summary>
public sealed class ReportFixture : IAsyncLifetime
{
    public PoliceFeedsAppFactory Factory { get; } = new();

    public ReportTestData.Seeded Seeded { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory.Settings["Publishing:RunHostedService"] = "false";
        _ = Factory.Services;
        Seeded = await ReportTestData.SeedAsync(Factory);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The report's figures against hand-computed answers, its CSV, its filters and who may read it.</summary>
public sealed class ReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = fixture.Factory.CreateTestClient();
        await client.SignInAsync(email);
        return client;
    }

    private static string[] Values(IHtmlDocument page, string rowSelector) =>
        page.QuerySelector(rowSelector)!.QuerySelectorAll("td").Select(td => td.GetAttribute("data-value") ?? td.GetAttribute("data-minutes") ?? td.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Admin_sees_the_counts_by_month_in_Paris_time()
    {
        using var client = await SignedInAsync(DemoUsers.Admin);
        var page = await client.GetPageAsync("/Report?" + ReportTestData.Period);

        var rows = page.QuerySelectorAll("#table-activity tbody tr").ToList();
        Assert.Equal(3, rows.Count);
        // Created, published, rejected, cancelled, failed, withdrawn (none in this history: see ReportWithdrawnTests).
        Assert.Equal(["4", "4", "0", "0", "0", "0"], Values(page, "#table-activity tbody tr:nth-child(1)"));
        Assert.Equal(["5", "0", "2", "1", "2", "0"], Values(page, "#table-activity tbody tr:nth-child(2)"));
        Assert.Equal(["3", "1", "0", "0", "1", "0"], Values(page, "#table-activity tbody tr:nth-child(3)"));
        Assert.Equal(["12", "5", "2", "1", "3", "0"], Values(page, "#table-activity tfoot tr"));
        Assert.Contains("janvier 2026", rows[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("canvas#chart-activity"));
    }

    [Fact]
    public async Task Admin_sees_medians_and_90th_percentiles_by_nearest_rank()
    {
        using var client = await SignedInAsync(DemoUsers.Admin);
        var page = await client.GetPageAsync("/Report?" + ReportTestData.Period);

        // Validation: 5, 10, 20, 30, 40, 60, 120 min → median 30, p90 120. Lag: 1, 2, 3, 4, 10 min → median 3, p90 10.
        Assert.Equal(["7", "30", "120", "5", "3", "10"], Values(page, "#delays-total"));
        // January: validation 10, 20, 30, 60 → median 20, p90 60; lag 1, 2, 3, 4 → median 2, p90 4.
        Assert.Equal(["4", "20", "60", "4", "2", "4"], Values(page, "#table-delays tbody tr:nth-child(1)"));
        // 44 alone: validation 5, 10, 30, 60, 120 → median 30, p90 120; lag 1, 2, 3, 10 → median 2, p90 10.
        Assert.Equal(["5", "30", "120", "4", "2", "10"], Values(page, "#table-delays-departments tr[data-department='44']"));
        Assert.Equal(["2", "20", "40", "1", "4", "4"], Values(page, "#table-delays-departments tr[data-department='35']"));
        Assert.Contains("30 min", page.QuerySelector("#delays-total")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 h 00", page.QuerySelector("#delays-total")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_sees_failures_by_reason_and_engagement_by_category()
    {
        using var client = await SignedInAsync(DemoUsers.Admin);
        var page = await client.GetPageAsync("/Report?" + ReportTestData.Period);

        var failures = page.QuerySelectorAll("#table-failures tbody tr").ToDictionary(r => r.GetAttribute("data-reason")!, r => r.QuerySelector("td")!.GetAttribute("data-value"));
        Assert.Equal(new Dictionary<string, string?> { ["1"] = "1", ["2"] = "1", ["3"] = "1" }, failures);
        Assert.Contains("doublon", page.QuerySelector("#table-failures tr[data-reason='1'] th")!.TextContent, StringComparison.Ordinal);

        // Prévention: latest snapshots of M1 (500), M2 (300) and N1 (200): 3 posts, 1,000 impressions, 333.3 per post,
        // interactions (10+2+1) + (5+1) + (2+1) = 22 → 7.3 per post. Bilan d'affaires: M9 alone, 1,000 and 54.
        Assert.Equal(["3", "1 000", "333.3", "7.3", "17", "3", "2"], Values(page, "#table-engagement tr[data-category='prevention']").Select(v => v.Replace('\u202f', ' ').Replace('\u00a0', ' ')).ToArray());
        Assert.Equal(["1", "1 000", "1000", "54", "40", "8", "4"], Values(page, "#table-engagement tr[data-category='solved-cases']").Select(v => v.Replace('\u202f', ' ').Replace('\u00a0', ' ')).ToArray());
        // By department, 44's most engaging category first: Bilan d'affaires (1,000 per post) before Prévention (400).
        var order44 = page.QuerySelectorAll("#table-engagement-departments tr[data-department='44']").Select(r => r.GetAttribute("data-category")).ToList();
        Assert.Equal(["solved-cases", "prevention"], order44);
        var top = page.QuerySelectorAll("#table-top-posts tbody tr a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal($"/Report/Post/{fixture.Seeded.M9}", top[0]);
        Assert.Equal(4, top.Count);
        // Each entry shows its publication date (department time) and its department beside the link to its page.
        var first = page.QuerySelectorAll("#table-top-posts tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Matches(@"^\d{2}/\d{2}/2026$", first[0]);
        Assert.Equal("44", first[1]);
    }

    [Fact]
    public async Task Csv_export_has_one_line_per_department_category_and_month()
    {
        using var client = await SignedInAsync(DemoUsers.Admin);
        using var response = await client.GetAsync("/Report?handler=Export&" + ReportTestData.Period);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Département;Catégorie;Mois;Rédigés;Publiés;Rejetés;Annulés;En échec;Retirés;Validations;", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(";Échecs : Autre motif", lines[0], StringComparison.Ordinal);
        Assert.Contains("44;Prévention;2026-01;3;3;0;0;0;0;3;30;60;3;2;3;2;800;15;3;1;0;0;0;0;0", lines);
        Assert.Contains("44;Prévention;2026-02;2;0;0;0;2;0;0;;;0;;;0;0;0;0;0;0;1;1;0;0", lines);
        Assert.Contains("44;Bilan d'affaires judiciaires élucidées;2026-02;2;0;1;1;0;0;1;120;120;0;;;0;0;0;0;0;0;0;0;0;0", lines);
        Assert.Contains("35;Prévention;2026-01;1;1;0;0;0;0;1;20;20;1;4;4;1;200;2;0;1;0;0;0;0;0", lines);
        Assert.Equal(1 + 7, lines.Length);
    }

    [Fact]
    public async Task Validator_of_44_sees_nothing_of_35()
    {
        using var client = await SignedInAsync(DemoUsers.Validator44);
        var page = await client.GetPageAsync("/Report?" + ReportTestData.Period);

        var options = page.QuerySelectorAll("#departmentId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", DemoUsers.Department44.ToString(System.Globalization.CultureInfo.InvariantCulture)], options);
        Assert.Equal(["10", "4", "1", "1", "3", "0"], Values(page, "#table-activity tfoot tr"));
        Assert.Empty(page.QuerySelectorAll("[data-department='35']"));
        Assert.Equal(["5", "30", "120", "4", "2", "10"], Values(page, "#delays-total"));
        Assert.Equal(["2", "800", "400", "9.5", "15", "3", "1"], Values(page, "#table-engagement tr[data-category='prevention']").Select(v => v.Replace('\u202f', ' ').Replace('\u00a0', ' ')).ToArray());

        using var csv = await client.GetAsync("/Report?handler=Export&" + ReportTestData.Period);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.StartsWith("44;", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validator_of_44_asking_for_35_gets_a_French_message_and_no_figures()
    {
        using var client = await SignedInAsync(DemoUsers.Validator44);
        foreach (var url in new[] { "/Report?departmentId=2&" + ReportTestData.Period, "/Report?handler=Export&departmentId=2&" + ReportTestData.Period })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var page = await TestClient.ParseAsync(response);
            Assert.Contains("vous n'avez pas accès à ses chiffres", page.QuerySelector("#report-errors")!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("#table-activity"));
        }

        using var post = await client.GetAsync($"/Report/Post/{fixture.Seeded.N1}");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var own = await client.GetAsync($"/Report/Post/{fixture.Seeded.M1}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [InlineData("/Report")]
    [InlineData("/Report?handler=Export")]
    [InlineData("/Report/Post/1")]
    public async Task Officer_gets_403(string url)
    {
        using var client = await SignedInAsync(DemoUsers.Officer44);
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true,
            $"{url}: {(int)response.StatusCode}");
        using var menu = await client.GetAsync("/Messages");
        Assert.DoesNotContain("href=\"/Report\"", await menu.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=abc&to=2026-03", "Indiquez un mois au format AAAA-MM")]
    [InlineData("from=2026-13&to=2026-03", "Indiquez un mois au format AAAA-MM")]
    [InlineData("from=2026-01&to=%3Cscript%3E", "Indiquez un mois au format AAAA-MM")]
    [InlineData("from=2026-05&to=2026-01", "Le mois de fin doit être postérieur")]
    [InlineData("from=2020-01&to=2026-01", "La période est limitée à 24 mois")]
    [InlineData("from=2026-01&to=2026-03&departmentId=abc", "Ce département n'existe pas")]
    [InlineData("from=2026-01&to=2026-03&departmentId=999999", "Ce département n'existe pas")]
    [InlineData("from=2026-01&to=2026-03&departmentId=-1", "Ce département n'existe pas")]
    public async Task Bad_filters_get_a_French_message_not_a_500(string query, string message)
    {
        using var client = await SignedInAsync(DemoUsers.Admin);
        foreach (var url in new[] { "/Report?" + query, "/Report?handler=Export&" + query })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await TestClient.ParseAsync(response);
            Assert.Contains(message, page.QuerySelector("#report-errors")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Post_history_shows_every_snapshot_in_order()
    {
        using var client = await SignedInAsync(DemoUsers.Admin);
        var page = await client.GetPageAsync($"/Report/Post/{fixture.Seeded.M1}");

        var impressions = page.QuerySelectorAll("#table-post-history tbody tr td:nth-of-type(1)").Select(td => td.GetAttribute("data-value")).ToList();
        Assert.Equal(["100", "500"], impressions);
        Assert.NotNull(page.QuerySelector("canvas#chart-post"));
        using var missing = await client.GetAsync("/Report/Post/987654321");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
