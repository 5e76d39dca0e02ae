using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Report;

/// <summary>
/// On top of <see cref="ReportTestData"/> (January–March 2026, a message of December 2025): instants on the month
/// boundaries of both daylight-saving changes in Paris, events a month after their creation, messages in the open month
/// (December 2026 on the tests' clock), irregular delays (seconds to days, so that the histograms' resolution shows),
/// and a department in La Réunion (UTC+4), whose months close four hours before Paris's.
/// </summary>
public static class ReportRollupTestData
{
    public const string ReunionCode = "974";

    public static async Task<int> SeedAsync(PoliceFeedsAppFactory factory)
    {
        await ReportTestData.SeedAsync(factory);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();
        var accounts = await db.PublishingAccounts.ToDictionaryAsync(a => a.DepartmentId, a => a.Id);
        // La Réunion is listed (inactive) like every department: activated for the report.
        var reunion = await db.Departments.SingleAsync(d => d.Code == "974");
        reunion.IsActive = true;
        await db.SaveChangesAsync();
        const int d44 = DemoUsers.Department44, d35 = DemoUsers.Department35;
        var random = new Random(25);
        var messages = new List<Message>();

        Message Make(int department, int category, DateTime created, MessageStatus status)
        {
            var m = new Message
            {
                DepartmentId = department,
                CategoryId = category,
                Text = $"Roll-up {department}-{category}-{created:O}-{Guid.NewGuid():N}",
                AuthorId = author,
                Status = status,
                CreatedAtUtc = created,
                UpdatedAtUtc = created,
            };
            messages.Add(m);
            return m;
        }

        void Published(int department, int category, DateTime created, TimeSpan validation, TimeSpan lag, bool withdrawn = false)
        {
            var m = Make(department, category, created, withdrawn ? MessageStatus.Withdrawn : MessageStatus.Published);
            m.SubmittedAtUtc = created;
            m.ValidatedAtUtc = created + validation;
            m.DueAtUtc = m.ValidatedAtUtc;
            m.PublishedAtUtc = m.DueAtUtc + lag;
            m.XPostId = (1_950_000_000_000_000_000 + messages.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
            m.WithdrawnAtUtc = withdrawn ? m.PublishedAtUtc.Value.AddDays(3) : null;
        }

        void Rejected(int department, int category, DateTime created, TimeSpan validation)
        {
            var m = Make(department, category, created, MessageStatus.Rejected);
            m.SubmittedAtUtc = created;
            m.ValidatedAtUtc = created + validation;
        }

        void Failed(int department, int category, DateTime created, DateTime failedAt, DeliveryFailure failure)
        {
            var m = Make(department, category, created, MessageStatus.Failed);
            m.Deliveries.Add(new Delivery
            {
                DepartmentId = department,
                AccountId = accounts[department],
                Mode = DeliveryMode.Live,
                Status = DeliveryStatus.Failed,
                Failure = failure,
                FailedAtUtc = failedAt,
            });
        }

        static DateTime At(string utc) => ReportTestData.At(utc);

        // Month boundaries in Paris around the daylight-saving changes (29 March and 25 October 2026).
        Published(d44, 1, At("2026-03-31T21:30"), TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(7)); // 23:30 CEST: March; validated in April
        Published(d44, 1, At("2026-03-31T22:30"), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2)); // 00:30 CEST: April
        Make(d44, 2, At("2026-03-29T00:30"), MessageStatus.Draft); // the night the clocks go forward
        Make(d44, 2, At("2026-10-25T00:30"), MessageStatus.Draft); // the night they go back (02:30 CEST)
        Make(d44, 2, At("2026-10-25T01:30"), MessageStatus.Draft); // 02:30 CET, the repeated hour
        Published(d44, 3, At("2026-10-31T22:30"), TimeSpan.FromHours(2), TimeSpan.FromMinutes(1)); // 23:30 CET: October; validated and published in November
        Rejected(d35, 3, At("2026-10-31T23:30"), TimeSpan.FromMinutes(90)); // 00:30 on 1 November
        Failed(d44, 1, At("2026-10-30T10:00"), At("2026-10-31T23:10"), DeliveryFailure.Duplicate); // failed at 00:10 on 1 November
        Failed(d35, 2, At("2026-06-30T20:00"), At("2026-06-30T22:30"), DeliveryFailure.ReplyRefused); // 00:30 CEST on 1 July

        // Months of ordinary activity, with delays from seconds to two days (every bucket width), and a withdrawn post.
        for (var i = 0; i < 120; i++)
        {
            var created = At("2026-04-01T06:00").AddHours(i * 53.7);
            var department = i % 3 == 0 ? d35 : d44;
            var validation = TimeSpan.FromSeconds(random.Next(0, 2 * 24 * 3600));
            var lag = TimeSpan.FromSeconds(random.Next(0, 400));
            Published(department, 1 + (i % 7), created, validation, lag, withdrawn: i % 17 == 0);
            if (i % 5 == 0)
            {
                Rejected(department, 1 + (i % 4), created.AddMinutes(5), TimeSpan.FromSeconds(random.Next(0, 90_000)));
            }

            if (i % 11 == 0)
            {
                Make(department, 2, created, MessageStatus.Cancelled).UpdatedAtUtc = created.AddDays(1);
            }
        }

        // La Réunion: 31 January 21:30 UTC is 1 February 01:30 there (still January in Paris).
        Published(reunion.Id, 1, At("2026-01-31T21:30"), TimeSpan.FromMinutes(12), TimeSpan.FromSeconds(40));
        Published(reunion.Id, 1, At("2026-01-31T19:30"), TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(30));

        // The open month (December 2026 on the tests' clock): computed live.
        Published(d44, 1, At("2026-12-01T08:00"), TimeSpan.FromMinutes(8), TimeSpan.FromSeconds(5));
        Make(d35, 4, At("2026-12-02T08:00"), MessageStatus.Draft);
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();

        // Metrics for every published post, growing: the latest snapshot (highest id) counts.
        foreach (var m in messages.Where(m => m.PublishedAtUtc is not null))
        {
            var reach = 50 + (m.Id % 700);
            db.PostMetricsSnapshots.Add(new PostMetricsSnapshot { MessageId = m.Id, TakenAtUtc = m.PublishedAtUtc!.Value.AddHours(1), Impressions = reach, Likes = 1 });
            db.PostMetricsSnapshots.Add(new PostMetricsSnapshot { MessageId = m.Id, TakenAtUtc = m.PublishedAtUtc!.Value.AddDays(1), Impressions = reach * 3, Likes = m.Id % 9, Reposts = m.Id % 4, Replies = m.Id % 3, Quotes = m.Id % 2 });
        }

        await db.SaveChangesAsync();
        return reunion.Id;
    }
}
