using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.Bench;

/// <summary>
/// The pilot report page (/Report) as the national admin, over the home benchmark's messages (one a minute from
/// 2014-01-01, 95 % in department 44, statuses in turn) given report timestamps, failure reasons and two metrics
/// snapshots per published message: the pilot quarter and a twelve-month period, sequential requests, on the SQLite file.
/// </summary>
internal static class ReportBenchmark
{
    public static async Task<int> RunAsync(int[] sizes)
    {
        Console.WriteLine($"Machine: {Percentiles.Machine()}");
        foreach (var size in sizes)
        {
            await RunOneAsync(size);
        }

        return 0;
    }

    private static async Task RunOneAsync(int messages)
    {
        await using var factory = new PoliceFeedsAppFactory();
        factory.Settings["Publishing:RunHostedService"] = "false";
        _ = factory.Services;
        var seeding = Stopwatch.StartNew();
        await HomePageBenchmark.SeedAsync(factory, messages);
        await AddReportColumnsAsync(factory);
        seeding.Stop();

        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Admin);
        foreach (var (name, url) in new[] { ("quarter 2014-01..03", "/Report?from=2014-01&to=2014-03"), ("12 months 2014-07..2015-06", "/Report?from=2014-07&to=2015-06"), ("CSV quarter", "/Report?handler=Export&from=2014-01&to=2014-03") })
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
            var latencies = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            latencies.Sort();
            Console.WriteLine($"report: {messages:N0} messages (seeded in {seeding.Elapsed.TotalSeconds:F1} s), {name}, 20 sequential requests: p50 {Percentiles.Of(latencies, 50):F0} ms, max {latencies[^1]:F0} ms");
        }
    }

    /// <summary>Gives the seeded rows what the report reads: validation, due and publication instants, failure texts, snapshots.</summary>
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
            // Failed (5): one of the publisher's three final reasons, an hour after creation.
            """
            UPDATE Messages SET LastErrorAtUtc = strftime('%Y-%m-%d %H:%M:%S', CreatedAtUtc, '+1 hours'),
                LastError = CASE Id % 3
                    WHEN 0 THEN 'X refuse ce message car un texte identique a déjà été publié récemment par le compte (duplicate). Modifiez le texte puis relancez.'
                    WHEN 1 THEN 'X a refusé le message (403) : forbidden'
                    ELSE 'X est momentanément indisponible (503). Abandon après 6 tentatives : relancez la publication quand X sera de nouveau disponible.' END
            WHERE Status = 5
            """,
            // Two snapshots per published message (1 hour and 1 day after publication).
            """
            INSERT INTO PostMetricsSnapshots (MessageId, TakenAtUtc, Impressions, Likes, Reposts, Replies, Quotes)
            SELECT Id, strftime('%Y-%m-%d %H:%M:%S', PublishedAtUtc, '+1 hours'), 100 + Id % 500, Id % 20, Id % 5, Id % 3, Id % 2 FROM Messages WHERE Status = 4
            """,
            """
            INSERT INTO PostMetricsSnapshots (MessageId, TakenAtUtc, Impressions, Likes, Reposts, Replies, Quotes)
            SELECT Id, strftime('%Y-%m-%d %H:%M:%S', PublishedAtUtc, '+1 days'), 300 + Id % 1500, Id % 60, Id % 15, Id % 9, Id % 4 FROM Messages WHERE Status = 4
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
