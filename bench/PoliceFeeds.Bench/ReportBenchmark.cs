using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Pages.Report;

namespace PoliceFeeds.Bench;

/// <summary>
/// The pilot report page (/Report) as the national admin, over the home benchmark's messages (spread over the 23 months
/// from 2014-01-01 that 1,000,000 messages a minute apart fill, 95 % in department 44, statuses in turn) given report timestamps, deliveries (failures as codes) and two
/// metrics snapshots per published message: the pilot quarter, a twelve-month period and the quarter's CSV, sequential
/// requests on the SQLite file, live (the baseline) then with the closed months from the roll-up, in the same run.
/// </summary>
internal static class ReportBenchmark
{
    private static readonly (string Name, string Url)[] Cases =
    [
        ("quarter 2014-01..03", "/Report?from=2014-01&to=2014-03"),
        ("12 months 2014-07..2015-06", "/Report?from=2014-07&to=2015-06"),
        ("CSV quarter", "/Report?handler=Export&from=2014-01&to=2014-03"),
    ];

    public static async Task<int> RunAsync(int[] sizes)
    {
        Console.WriteLine($"Machine: {Percentiles.Machine()}");
        var results = new List<(int Size, string Case, double Live, double Rollup)>();
        foreach (var size in sizes)
        {
            results.AddRange(await RunOneAsync(size));
        }

        // The cost of a request against the table's size: the largest size over the smallest, per case, from the roll-up.
        if (sizes.Length > 1)
        {
            foreach (var name in Cases.Select(c => c.Name))
            {
                var small = results.Single(r => r.Size == sizes.Min() && r.Case == name);
                var large = results.Single(r => r.Size == sizes.Max() && r.Case == name);
                Console.WriteLine($"report: {name}: {sizes.Max():N0} / {sizes.Min():N0} messages, p50 ratio from the roll-up {large.Rollup / small.Rollup:F2} (target ≤ 1.5), live {large.Live / small.Live:F2}");
            }
        }

        return 0;
    }

    /// <summary>
    /// Each case first live (no roll-up yet: the baseline, the report as it was), then from the roll-up built by one
    /// round of the job (timed), in the same process on the same database; the CSV's counts must agree.
    /// </summary>
    private static async Task<List<(int, string, double, double)>> RunOneAsync(int messages)
    {
        await using var factory = new PoliceFeedsAppFactory();
        factory.Settings["Publishing:RunHostedService"] = "false";
        // The day after the data (1,000,000 messages span 23 months from January 2014): the job builds 24 closed months.
        // The smoke run builds only the quarter: its messages fill January to March 2014, and it runs on 1 April.
        factory.Clock.SetUtcNow(Smoke.On ? new DateTimeOffset(2014, 4, 1, 9, 0, 0, TimeSpan.Zero) : new DateTimeOffset(2016, 1, 1, 9, 0, 0, TimeSpan.Zero));
        _ = factory.Services;
        var seeding = Stopwatch.StartNew();
        // Every size spans the same 23 months (1,000,000 minutes): one message a minute at 1,000,000, one every 100 minutes
        // at 10,000, so that each period holds the same departments, categories and months at every size, and the
        // roll-up's answer differs only by the table's size.
        await HomePageBenchmark.SeedAsync(factory, messages, TimeSpan.FromMinutes(Smoke.On ? 60 : 1_000_000.0 / messages));
        await AddReportColumnsAsync(factory);
        seeding.Stop();

        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);
        var live = new Dictionary<string, double>();
        foreach (var (name, url) in Cases)
        {
            live[name] = await MeasureAsync(client, url, $"{messages:N0} messages (seeded in {seeding.Elapsed.TotalSeconds:F1} s), {name}, live (baseline)");
        }

        var liveCsv = await client.Http.GetStringAsync(new Uri(Cases[2].Url, UriKind.Relative));
        var building = Stopwatch.StartNew();
        await using (var scope = factory.CreateScope())
        {
            var built = await scope.ServiceProvider.GetRequiredService<ReportRollupJob>().RunOnceAsync(CancellationToken.None);
            Console.WriteLine($"report: {messages:N0} messages, roll-up of {built.Count} months built in {building.Elapsed.TotalSeconds:F1} s by one round of the job");
        }

        var rolledCsv = await client.Http.GetStringAsync(new Uri(Cases[2].Url, UriKind.Relative));
        if (Counts(liveCsv) != Counts(rolledCsv) || Counts(liveCsv).Length < 100)
        {
            throw new InvalidOperationException($"The report's counts from the roll-up differ from the live ones:\n{Counts(liveCsv)}\n---\n{Counts(rolledCsv)}");
        }

        var results = new List<(int, string, double, double)>();
        foreach (var (name, url) in Cases)
        {
            var rolled = await MeasureAsync(client, url, $"{messages:N0} messages, {name}, closed months from the roll-up");
            Console.WriteLine($"report: {messages:N0} messages, {name}: live / roll-up p50 {live[name] / rolled:F1}");
            results.Add((messages, name, live[name], rolled));
        }

        return results;
    }

    /// <summary>One warm-up, then 20 sequential requests (one in the smoke run): prints and returns the p50 in ms.</summary>
    private static async Task<double> MeasureAsync(TestClient client, string url, string label)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var latencies = new List<double>();
        for (var i = 0; i < (Smoke.On ? 1 : 20); i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        var p50 = Percentiles.Of(latencies, 50);
        Console.WriteLine($"report: {label}, {latencies.Count} sequential requests: p50 {p50:F0} ms, max {latencies[^1]:F0} ms");
        return p50;
    }

    /// <summary>The CSV's lines without the delay columns (10th to 15th), which the roll-up gives to its histograms' resolution.</summary>
    private static string Counts(string csv) =>
        string.Join('\n', csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(';')).Select(f => string.Join(';', f.Take(9).Concat(f.Skip(15)))));

    /// <summary>
    /// Gives the seeded rows what the report reads: validation, due, publication and withdrawal instants, one delivery per
    /// message that reached the publisher (failures are the deliveries' codes), two metrics snapshots per published post.
    /// </summary>
    private static async Task AddReportColumnsAsync(PoliceFeedsAppFactory factory)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        string[] statements =
        [
            // Published (4): submitted at creation, validated 0-119 min later, due at validation, published 0-29 s late.
            """
            UPDATE Messages SET SubmittedAtUtc = CreatedAtUtc,
                ValidatedAtUtc = strftime('%Y-%m-%d %H:%M:%S', CreatedAtUtc, '+' || (Id % 120) || ' minutes'),
                DueAtUtc = strftime('%Y-%m-%d %H:%M:%S', CreatedAtUtc, '+' || (Id % 120) || ' minutes'),
                PublishedAtUtc = strftime('%Y-%m-%d %H:%M:%S', CreatedAtUtc, '+' || (Id % 120) || ' minutes', '+' || (Id % 30) || ' seconds'),
                XPostId = CAST(1800000000000000000 + Id AS TEXT)
            WHERE Status = 4
            """,
            // Rejected (6): submitted at creation, decided 0-239 min later.
            """
            UPDATE Messages SET SubmittedAtUtc = CreatedAtUtc, ValidatedAtUtc = strftime('%Y-%m-%d %H:%M:%S', CreatedAtUtc, '+' || (Id % 240) || ' minutes')
            WHERE Status = 6
            """,
            // Withdrawn (10): one published message in ten was taken down two days after it went out.
            """
            UPDATE Messages SET Status = 10, WithdrawnAtUtc = strftime('%Y-%m-%d %H:%M:%S', PublishedAtUtc, '+2 days')
            WHERE Status = 4 AND Id % 10 = 0
            """,
            // One delivery per message that reached the publisher, to its department's account, as the publisher leaves it:
            // approved and publishing (2, 3) pending at their due time, published (4) sent, withdrawn (10) withdrawn, failed
            // (5) failed an hour after creation with one of the report's three groups of codes (duplicate, refused,
            // unavailable after the retries).
            """
            UPDATE Messages SET DueAtUtc = strftime('%Y-%m-%d %H:%M:%S', CreatedAtUtc, '+1 hours') WHERE Status IN (2, 3, 5)
            """,
            """
            INSERT INTO Deliveries (MessageId, DepartmentId, AccountId, Mode, Status, NextAttemptAtUtc, Attempts, RemotePostId,
                SentAtUtc, WithdrawnAtUtc, Failure, FailureDetail, FailedAtUtc, Hold, ReplyFallbackUsed, WithdrawIfFound, Version)
            SELECT m.Id, m.DepartmentId, a.Id, a.Mode,
                CASE m.Status WHEN 4 THEN 2 WHEN 5 THEN 3 WHEN 10 THEN 8 ELSE 0 END,
                CASE WHEN m.Status IN (2, 3) THEN m.DueAtUtc END,
                CASE m.Status WHEN 5 THEN 6 WHEN 2 THEN 0 ELSE 1 END,
                m.XPostId, m.PublishedAtUtc, m.WithdrawnAtUtc,
                CASE WHEN m.Status <> 5 THEN 0 WHEN m.Id % 3 = 0 THEN 5 WHEN m.Id % 3 = 1 THEN 6 ELSE 1 END,
                CASE WHEN m.Status = 5 AND m.Id % 3 = 1 THEN 'forbidden' END,
                CASE WHEN m.Status = 5 THEN strftime('%Y-%m-%d %H:%M:%S', m.CreatedAtUtc, '+1 hours') END,
                0, 0, 0, 0
            FROM Messages m INNER JOIN PublishingAccounts a ON a.DepartmentId = m.DepartmentId
            WHERE m.Status IN (2, 3, 4, 5, 10)
            """,
            // Two snapshots per published message (1 hour and 1 day after publication).
            """
            INSERT INTO PostMetricsSnapshots (MessageId, TakenAtUtc, Impressions, Likes, Reposts, Replies, Quotes)
            SELECT Id, strftime('%Y-%m-%d %H:%M:%S', PublishedAtUtc, '+1 hours'), 100 + Id % 500, Id % 20, Id % 5, Id % 3, Id % 2 FROM Messages WHERE Status IN (4, 10)
            """,
            """
            INSERT INTO PostMetricsSnapshots (MessageId, TakenAtUtc, Impressions, Likes, Reposts, Replies, Quotes)
            SELECT Id, strftime('%Y-%m-%d %H:%M:%S', PublishedAtUtc, '+1 days'), 300 + Id % 1500, Id % 60, Id % 15, Id % 9, Id % 4 FROM Messages WHERE Status IN (4, 10)
            """,
            "ANALYZE;",
        ];
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
    }
}
