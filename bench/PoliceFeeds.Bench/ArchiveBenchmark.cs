using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Search;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.Bench;

/// <summary>
/// <c>bench -- archive [messages...]</c>: the archive of a quarter (/Archives, department 44, July to September 2026) at
/// N and 10 × N published messages (one live X post each, a 20 KB photo on one in ten, three audit entries each),
/// downloaded by the national admin and read as it streams. While it streams, a sampler forces a full collection every
/// 10 ms and records the live managed heap above the heap before the request: the working memory. Printed: its peak,
/// 90th percentile and median, its mean over each quarter of the download (growth would show there), the bytes allocated
/// (which grow with the archive, as any work does) and the time. Flat memory: the ratios of the working memory near 1.
/// </summary>
internal static class ArchiveBenchmark
{
    private const int PhotoBytes = 20 * 1024;

    public static async Task<int> RunAsync(int[] sizes)
    {
        Console.WriteLine($"Machine: {Percentiles.Machine()}, server GC {System.Runtime.GCSettings.IsServerGC}");
        var results = new List<Result>();
        foreach (var size in sizes)
        {
            results.Add(await RunOneAsync(size));
        }

        if (sizes.Length > 1)
        {
            var small = results.MinBy(r => r.Messages)!;
            var large = results.MaxBy(r => r.Messages)!;
            Console.WriteLine($"archive: {large.Messages:N0} / {small.Messages:N0} messages ({(double)large.Messages / small.Messages:F0}×): "
                + $"working memory ratio: peak {large.PeakBytes / (double)Math.Max(1, small.PeakBytes):F2}, p90 {large.P90Bytes / (double)Math.Max(1, small.P90Bytes):F2} (target near 1), "
                + $"archive size ratio {large.ZipBytes / (double)small.ZipBytes:F1}, allocated ratio {large.AllocatedBytes / (double)small.AllocatedBytes:F1}, time ratio {large.Seconds / small.Seconds:F1}");
        }

        return 0;
    }

    private sealed record Result(int Messages, long PeakBytes, long P90Bytes, long AllocatedBytes, long ZipBytes, double Seconds);

    private static async Task<Result> RunOneAsync(int messages)
    {
        await using var factory = new PoliceFeedsAppFactory();
        factory.Settings["Publishing:RunHostedService"] = "false";
        _ = factory.Services;
        var seeding = Stopwatch.StartNew();
        var photos = await SeedAsync(factory, messages);
        seeding.Stop();

        using var admin = factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        const string url = "/Archives?handler=Download&departmentId=1&from=2026-07-01&to=2026-09-30";

        // A first download streamed as the measured one (it warms the code and the pools up), then the measured one; then a
        // third, read whole in a method of its own: its manifest must count every post and its ZIP hold every photo.
        await DownloadAsync(admin, url);
        await SettleAsync();
        var baseline = LiveHeap();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peak = baseline;
        var samples = new List<long>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var live = LiveHeap();
                samples.Add(live - baseline);
                peak = Math.Max(peak, live);
                await Task.Delay(10, CancellationToken.None);
            }
        });
        var watch = Stopwatch.StartNew();
        var zipBytes = await DownloadAsync(admin, url);
        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await VerifyAsync(admin, url, messages, photos);
        var sorted = samples.DefaultIfEmpty(0).Order().ToList();
        var quarter = Math.Max(1, samples.Count / 4);
        var quarters = Enumerable.Range(0, 4).Select(k => samples.Skip(k * quarter).Take(quarter).DefaultIfEmpty(0).Average() / 1048576.0);
        var result = new Result(messages, peak - baseline, sorted[sorted.Count * 9 / 10], allocated, zipBytes, watch.Elapsed.TotalSeconds);
        Console.WriteLine($"archive: {messages:N0} messages, {photos:N0} photos (seeded in {seeding.Elapsed.TotalSeconds:F1} s): {zipBytes / 1048576.0:F1} MiB in {result.Seconds:F1} s, "
            + $"working memory above the {baseline / 1048576.0:F1} MiB before: peak {result.PeakBytes / 1048576.0:F2} MiB, p90 {result.P90Bytes / 1048576.0:F2}, "
            + $"p50 {sorted[sorted.Count / 2] / 1048576.0:F2} over {samples.Count} samples, mean by quarter of the download {string.Join(" / ", quarters.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))} MiB; "
            + $"allocated {allocated / 1048576.0:F0} MiB");
        return result;
    }

    /// <summary>Downloads the archive as a browser saves it, reading it as it streams: returns its size.</summary>
    private static async Task<long> DownloadAsync(TestClient admin, string url)
    {
        using var response = await admin.Http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
        }

        return bytes;
    }

    private static async Task VerifyAsync(TestClient admin, string url, int messages, int photos)
    {
        using var first = await admin.Http.GetAsync(new Uri(url, UriKind.Relative));
        first.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(new MemoryStream(await first.Content.ReadAsByteArrayAsync()));
        var files = zip.Entries.Count(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal));
        using var manifest = System.Text.Json.JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var posts = manifest.RootElement.GetProperty("counts").GetProperty("posts").GetInt32();
        if (posts != messages || files != photos || manifest.RootElement.GetProperty("entries").GetArrayLength() != messages)
        {
            throw new InvalidOperationException($"The archive holds {posts} posts and {files} photos; expected {messages} and {photos}.");
        }
    }

    /// <summary>Full collections a moment apart, so that what the warm-up left in pools is trimmed before the baseline.</summary>
    private static async Task SettleAsync()
    {
        for (var i = 0; i < 5; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(200);
        }
    }

    /// <summary>The managed heap that is alive now: a full, compacting collection first.</summary>
    private static long LiveHeap() => GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>
    /// Bulk insert in one transaction: <paramref name="messages"/> published messages of department 44 spread over the
    /// quarter (Paris time), each with one live X delivery and three audit entries, one in ten with a photo. Returns the photos.
    /// </summary>
    private static async Task<int> SeedAsync(PoliceFeedsAppFactory factory, int messages)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();
        var validator = await db.Users.Where(u => u.Email == DemoUsers.Validator44).Select(u => u.Id).SingleAsync();
        var account = new PublishingAccount { DepartmentId = 1, Network = PublishingNetwork.X, Handle = "PoliceNat44_bench", Mode = AccountMode.Live, RemoteUserId = "4400000000" };
        db.PublishingAccounts.Add(account);
        await db.SaveChangesAsync();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        await using var message = Command("""
            INSERT INTO Messages (DepartmentId, CategoryId, Text, SearchText, TextEditorIds, Status, ScheduleMode, FollowUpKind, AuthorId, ValidatorId, CreatedAtUtc, UpdatedAtUtc, SubmittedAtUtc, ValidatedAtUtc, PublishedAtUtc, XPostId, Version)
            VALUES (1, $category, $text, $search, '', 4, 0, 0, $author, $validator, $created, $sent, $created, $created, $sent, $post, 0) RETURNING Id
            """);
        var category = message.Parameters.Add("$category", SqliteType.Integer);
        var text = message.Parameters.Add("$text", SqliteType.Text);
        var search = message.Parameters.Add("$search", SqliteType.Text);
        message.Parameters.AddWithValue("$author", author);
        message.Parameters.AddWithValue("$validator", validator);
        var created = message.Parameters.Add("$created", SqliteType.Text);
        var sent = message.Parameters.Add("$sent", SqliteType.Text);
        var post = message.Parameters.Add("$post", SqliteType.Text);

        await using var delivery = Command("""
            INSERT INTO Deliveries (MessageId, DepartmentId, AccountId, Mode, Status, Attempts, Failure, Hold, ReplyFallbackUsed, WithdrawIfFound, Version, RemotePostId, RemotePostUrl, SentAtUtc)
            VALUES ($message, 1, $account, 1, 2, 1, 0, 0, 0, 0, 0, $post, $url, $sent)
            """);
        var deliveryMessage = delivery.Parameters.Add("$message", SqliteType.Integer);
        delivery.Parameters.AddWithValue("$account", account.Id);
        var deliveryPost = delivery.Parameters.Add("$post", SqliteType.Text);
        var url = delivery.Parameters.Add("$url", SqliteType.Text);
        var deliverySent = delivery.Parameters.Add("$sent", SqliteType.Text);

        await using var audit = Command("""
            INSERT INTO AuditEntries (AtUtc, ActorId, Action, EntityType, EntityId, DepartmentId, FromStatus, ToStatus)
            VALUES ($at, $actor, $action, 'Message', $entity, 1, $from, $to)
            """);
        var auditAt = audit.Parameters.Add("$at", SqliteType.Text);
        var actor = audit.Parameters.Add("$actor", SqliteType.Text);
        var action = audit.Parameters.Add("$action", SqliteType.Text);
        var entity = audit.Parameters.Add("$entity", SqliteType.Text);
        var from = audit.Parameters.Add("$from", SqliteType.Text);
        var to = audit.Parameters.Add("$to", SqliteType.Text);

        await using var photo = Command("""
            INSERT INTO MessagePhotos (MessageId, Position, ContentType, Content, Length, AltText)
            VALUES ($message, 0, 'image/jpeg', $content, $length, $alt)
            """);
        var photoMessage = photo.Parameters.Add("$message", SqliteType.Integer);
        var content = photo.Parameters.Add("$content", SqliteType.Blob);
        photo.Parameters.AddWithValue("$length", PhotoBytes);
        var alt = photo.Parameters.Add("$alt", SqliteType.Text);

        // The quarter in Paris: 2026-06-30 22:00 UTC to 2026-09-30 22:00 UTC, spread evenly.
        var start = new DateTime(2026, 6, 30, 22, 0, 0, DateTimeKind.Utc);
        var step = TimeSpan.FromDays(92) / messages;
        var random = new Random(25);
        var photos = 0;
        static string At(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        for (var i = 0; i < messages; i++)
        {
            var sentAt = start + (step * i) + TimeSpan.FromSeconds(1);
            var postId = (1_990_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            category.Value = 1 + (i % 7);
            text.Value = $"Message n° {i} : prévention des cambriolages pendant les vacances, signalez votre absence (opération tranquillité vacances).";
            search.Value = SearchNormalizer.Normalize((string)text.Value);
            created.Value = At(sentAt.AddHours(-2));
            sent.Value = deliverySent.Value = At(sentAt);
            post.Value = deliveryPost.Value = postId;
            var id = (long)(await message.ExecuteScalarAsync())!;
            deliveryMessage.Value = id;
            url.Value = $"https://x.com/PoliceNat44_bench/status/{postId}";
            await delivery.ExecuteNonQueryAsync();
            entity.Value = id.ToString(CultureInfo.InvariantCulture);
            (string Actor, string Action, string From, string To, double Hours)[] steps =
            [
                (author, "message.submitted", "Draft", "Submitted", -2), (validator, "message.approved", "Submitted", "Approved", -1),
                ("system:publisher", "message.published", "Publishing", "Published", 0),
            ];
            foreach (var s in steps)
            {
                (auditAt.Value, actor.Value, action.Value, from.Value, to.Value) = (At(sentAt.AddHours(s.Hours)), s.Actor, s.Action, s.From, s.To);
                await audit.ExecuteNonQueryAsync();
            }

            if (i % 10 == 0)
            {
                var bytes = new byte[PhotoBytes];
                random.NextBytes(bytes);
                (photoMessage.Value, content.Value, alt.Value) = (id, bytes, $"Affiche de prévention n° {i}");
                await photo.ExecuteNonQueryAsync();
                photos++;
            }
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
        return photos;
    }
}
