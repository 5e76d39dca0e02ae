using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>
/// A small pilot history with known answers, January to March 2026 (Europe/Paris), in departments 44 and 35.
/// Durations (minutes) — validation: 44 → 10, 30, 60 (January, Prévention), 120 (February, rejected), 5 (March,
/// Bilan d'affaires); 35 → 20 (January), 40 (February, rejected). Publication lag: 44 → 1, 3, 2, 10; 35 → 4.
/// Two instants sit on month boundaries in Paris time: created 2026-01-31 23:30 UTC is in February, created
/// 2026-03-31 22:30 UTC (summer time) is in April, outside the period.
/// </summary>
public static class ReportTestData
{
    public const string Period = "from=2026-01&to=2026-03";

    public const DeliveryFailure DuplicateError = DeliveryFailure.Duplicate;
    public const DeliveryFailure RejectedError = DeliveryFailure.Rejected;
    public const DeliveryFailure GaveUpError = DeliveryFailure.Unavailable;

    public sealed record Seeded(long M1, long M2, long M9, long N1);

    public static async Task<Seeded> SeedAsync(PoliceFeedsAppFactory factory)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();
        var accounts = await db.PublishingAccounts.ToDictionaryAsync(a => a.DepartmentId, a => a.Id);
        const int d44 = DemoUsers.Department44, d35 = DemoUsers.Department35, prevention = 1, solved = 3;

        Message Make(int department, int category, string created, MessageStatus status) =>
            new()
            {
                DepartmentId = department,
                CategoryId = category,
                Text = $"Bilan {department}-{category}-{created}-{Guid.NewGuid():N}",
                AuthorId = author,
                Status = status,
                CreatedAtUtc = At(created),
                UpdatedAtUtc = At(created),
            };

        Message Published(int department, int category, string created, int validationMinutes, string due, int lagMinutes, string postId)
        {
            var m = Make(department, category, created, MessageStatus.Published);
            m.SubmittedAtUtc = m.CreatedAtUtc;
            m.ValidatedAtUtc = m.CreatedAtUtc.AddMinutes(validationMinutes);
            m.DueAtUtc = At(due);
            m.PublishedAtUtc = m.DueAtUtc.Value.AddMinutes(lagMinutes);
            m.XPostId = postId;
            return m;
        }

        Message Rejected(int department, int category, string created, string submitted, int validationMinutes)
        {
            var m = Make(department, category, created, MessageStatus.Rejected);
            m.SubmittedAtUtc = At(submitted);
            m.ValidatedAtUtc = m.SubmittedAtUtc.Value.AddMinutes(validationMinutes);
            m.RejectionReason = "Texte à revoir";
            return m;
        }

        Message Failed(int department, int category, string created, string failedAt, DeliveryFailure error)
        {
            var m = Make(department, category, created, MessageStatus.Failed);
            m.Deliveries.Add(new Delivery
            {
                DepartmentId = department,
                AccountId = accounts[department],
                Mode = DeliveryMode.Live,
                Status = DeliveryStatus.Failed,
                Failure = error,
                FailureDetail = "503 Service Unavailable",
                FailedAtUtc = At(failedAt),
            });
            return m;
        }

        var m1 = Published(d44, prevention, "2026-01-05T09:00", 10, "2026-01-05T10:00", 1, "1900000000000000001");
        var m2 = Published(d44, prevention, "2026-01-10T08:00", 30, "2026-01-10T09:00", 3, "1900000000000000002");
        var m3 = Published(d44, prevention, "2026-01-20T08:00", 60, "2026-01-20T09:00", 2, "1900000000000000003");
        var m4 = Rejected(d44, solved, "2026-01-31T23:30", "2026-02-01T00:00", 120);
        var m5 = Make(d44, solved, "2026-02-03T10:00", MessageStatus.Cancelled);
        m5.UpdatedAtUtc = At("2026-02-04T10:00");
        var m6 = Failed(d44, prevention, "2026-02-05T10:00", "2026-02-05T11:01", DuplicateError);
        var m7 = Failed(d44, prevention, "2026-02-06T10:00", "2026-02-06T11:00", RejectedError);
        var m8 = Failed(d44, prevention, "2026-03-01T10:00", "2026-03-01T12:00", GaveUpError);
        var m9 = Published(d44, solved, "2026-03-02T10:00", 5, "2026-03-02T10:05", 10, "1900000000000000009");
        var m10 = Make(d44, prevention, "2026-03-10T10:00", MessageStatus.Draft);
        var m11 = Make(d44, prevention, "2026-03-31T22:30", MessageStatus.Draft);
        var before = Published(d44, prevention, "2025-12-15T10:00", 7, "2025-12-15T11:00", 9, "1900000000000000010");
        var n1 = Published(d35, prevention, "2026-01-15T10:00", 20, "2026-01-15T11:00", 4, "1900000000000000011");
        var n2 = Rejected(d35, prevention, "2026-02-15T10:00", "2026-02-15T10:00", 40);
        db.Messages.AddRange(m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, before, n1, n2);
        await db.SaveChangesAsync();

        PostMetricsSnapshot Snapshot(Message m, string at, long impressions, long likes, long reposts, long replies, long quotes) =>
            new() { MessageId = m.Id, TakenAtUtc = At(at), Impressions = impressions, Likes = likes, Reposts = reposts, Replies = replies, Quotes = quotes };

        db.PostMetricsSnapshots.AddRange(
            Snapshot(m1, "2026-01-05T11:00", 100, 1, 0, 0, 0),
            Snapshot(m1, "2026-01-06T11:00", 500, 10, 2, 1, 0),
            Snapshot(m2, "2026-01-11T09:00", 300, 5, 1, 0, 0),
            Snapshot(m9, "2026-03-03T10:00", 1000, 40, 8, 4, 2),
            Snapshot(n1, "2026-01-16T10:00", 200, 2, 0, 1, 0),
            Snapshot(before, "2025-12-16T10:00", 9999, 99, 9, 9, 9));
        await db.SaveChangesAsync();
        return new Seeded(m1.Id, m2.Id, m9.Id, n1.Id);
    }

    public static DateTime At(string utc) => DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
