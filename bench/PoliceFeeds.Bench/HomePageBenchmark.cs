using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Bench.Pages.Bench;
using PoliceFeeds.Core.Search;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.Bench;

/// <summary>
/// The department home page (first page, then a status filter and a deeper keyset page) with 10,000 and 1,000,000
/// messages on the SQLite file: latency p50/p99 and requests per second under 16 concurrent connections, and in the same
/// run the same three lists through a bare Razor page that runs the home's own query, so that the home's throughput is
/// also a ratio of the framework's floor on this machine.
/// </summary>
internal static class HomePageBenchmark
{
    public static async Task<int> RunAsync(int[] sizes)
    {
        Console.WriteLine($"Machine: {Percentiles.Machine()}");

        // Two passes at the smallest size, not reported: a fresh process spends its first few thousand requests compiling
        // (tiered JIT, then its optimised tier) and filling caches, which would be charged to whichever size runs first.
        for (var pass = 1; pass <= (Smoke.On ? 0 : 2); pass++)
        {
            Console.Write($"warm-up pass {pass} (not reported) → ");
            await RunOneAsync(sizes.Min());
        }

        // Then a pause: under sixteen busy connections the JIT's background compilation of the optimised code falls
        // behind on two cores, and it catches up only when the process has a core to spare (measured: a 10,000 pass
        // right after the warm-up ran at twice the latency of the same pass run after the 1,000,000 seeding).
        await Task.Delay(TimeSpan.FromSeconds(Smoke.On ? 0 : 15));

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
        factory.ServiceOverrides.Add(services => services.AddRazorPages().AddApplicationPart(typeof(BareModel).Assembly));
        _ = factory.Services;
        var seeding = Stopwatch.StartNew();
        await SeedAsync(factory, messages);
        seeding.Stop();

        var clients = new List<TestClient>();
        for (var i = 0; i < (Smoke.On ? 2 : 16); i++)
        {
            var client = factory.CreateTestClient();
            await client.SignInAsync(DemoUsers.Officer44);
            clients.Add(client);
        }

        // The same three lists (first page, the "À valider" filter, a deeper keyset page) through the department home and
        // through the bare page that runs the home's own list query with nothing around it.
        string[] home = ["/Messages?departmentId=1", "/Messages?departmentId=1&status=Submitted", $"/Messages?departmentId=1&after={messages / 2}"];
        string[] bare = ["/bench/bare?departmentId=1", "/bench/bare?departmentId=1&status=Submitted", $"/bench/bare?departmentId=1&after={messages / 2}"];
        var homeHtml = await clients[0].Http.GetStringAsync(new Uri(home[0], UriKind.Relative));
        var bareHtml = await clients[0].Http.GetStringAsync(new Uri(bare[0], UriKind.Relative));
        if (!homeHtml.Contains("fr-header", StringComparison.Ordinal) || bareHtml.Contains("fr-header", StringComparison.Ordinal) || !bareHtml.Contains("<td>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The home page or the bare page did not render what the benchmark expects.");
        }

        // Warm-up: enough requests for the JIT's tiered compilation to settle, so the sizes and the two pages compare the work.
        for (var round = 0; round < (Smoke.On ? 1 : 10); round++)
        {
            await RunRoundAsync(clients, home, 3);
            await RunRoundAsync(clients, bare, 3);
        }

        // Alternate the two pages three times each, so that a slow moment of the machine falls on both.
        var homeRuns = new List<Run>();
        var bareRuns = new List<Run>();
        for (var repeat = 0; repeat < (Smoke.On ? 1 : 3); repeat++)
        {
            homeRuns.Add(await RunRoundAsync(clients, home, Smoke.On ? 3 : 60));
            bareRuns.Add(await RunRoundAsync(clients, bare, Smoke.On ? 3 : 60));
        }

        var homeBest = homeRuns.MaxBy(r => r.RequestsPerSecond)!;
        var bareBest = bareRuns.MaxBy(r => r.RequestsPerSecond)!;
        var homeAll = homeRuns.SelectMany(r => r.Sorted).Order().ToList();
        var bareAll = bareRuns.SelectMany(r => r.Sorted).Order().ToList();
        Console.WriteLine($"{messages:N0} messages (seeded in {seeding.Elapsed.TotalSeconds:F1} s), {clients.Count} connections, {homeRuns.Count} × {homeRuns[0].Sorted.Count} requests per page:");
        Console.WriteLine($"  home: p50 {Percentiles.Of(homeAll, 50):F1} ms, p99 {Percentiles.Of(homeAll, 99):F1} ms, {string.Join(" / ", homeRuns.Select(r => r.RequestsPerSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} requests/s, {homeHtml.Length / 1024.0:F0} KiB");
        Console.WriteLine($"  bare: p50 {Percentiles.Of(bareAll, 50):F1} ms, p99 {Percentiles.Of(bareAll, 99):F1} ms, {string.Join(" / ", bareRuns.Select(r => r.RequestsPerSecond.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} requests/s, {bareHtml.Length / 1024.0:F0} KiB");
        Console.WriteLine($"  CPU per request: home {homeRuns.Min(r => r.CpuMillisecondsPerRequest):F2} ms, bare {bareRuns.Min(r => r.CpuMillisecondsPerRequest):F2} ms (least of each): bare / home {bareRuns.Min(r => r.CpuMillisecondsPerRequest) / homeRuns.Min(r => r.CpuMillisecondsPerRequest):P0}");
        Console.WriteLine($"  home / bare throughput (best of each): {homeBest.RequestsPerSecond / bareBest.RequestsPerSecond:P0}; round by round: {string.Join(" / ", homeRuns.Zip(bareRuns, (h, b) => (h.RequestsPerSecond / b.RequestsPerSecond).ToString("P0", System.Globalization.CultureInfo.InvariantCulture)))}");
        clients.ForEach(c => c.Dispose());
    }

    private static async Task<Run> RunRoundAsync(List<TestClient> clients, string[] urls, int requestsPerClient)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, c) =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(urls[(i + c) % urls.Length]);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsStringAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }));
        total.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new Run(latencies.Order().ToList(), latencies.Count / total.Elapsed.TotalSeconds, cpu.TotalMilliseconds / latencies.Count);
    }

    /// <summary>
    /// One round: its latencies, its throughput, and the process's CPU time per request (server and in-process client
    /// together), which other processes on the machine do not inflate the way they inflate wall-clock figures.
    /// </summary>
    private sealed record Run(List<double> Sorted, double RequestsPerSecond, double CpuMillisecondsPerRequest);

    /// <summary>
    /// Bulk insert with one prepared command in one transaction: 95% of the rows in department 44, one every
    /// <paramref name="step"/> (a minute by default) from 2014-01-01.
    /// </summary>
    internal static async Task SeedAsync(PoliceFeedsAppFactory factory, int messages, TimeSpan? step = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO Messages (DepartmentId, CategoryId, Text, SearchText, TextEditorIds, Status, ScheduleMode, FollowUpKind, AuthorId, CreatedAtUtc, UpdatedAtUtc, Version)
            VALUES ($department, $category, $text, $search, '', $status, 0, 0, $author, $created, $created, 0)
            """;
        var department = command.Parameters.Add("$department", SqliteType.Integer);
        var category = command.Parameters.Add("$category", SqliteType.Integer);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        var search = command.Parameters.Add("$search", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Integer);
        command.Parameters.AddWithValue("$author", author);
        var created = command.Parameters.Add("$created", SqliteType.Text);
        await command.PrepareAsync();
        var start = new DateTime(2014, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < messages; i++)
        {
            department.Value = i % 20 == 0 ? 2 + (i % 4) : 1;
            category.Value = 1 + (i % 7);
            text.Value = $"Message de démonstration n° {i} : prévention des cambriolages, pensez à fermer vos fenêtres.";
            search.Value = SearchNormalizer.Normalize((string)text.Value);
            status.Value = i % 8;
            created.Value = start.Add((step ?? TimeSpan.FromMinutes(1)) * i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }
}
