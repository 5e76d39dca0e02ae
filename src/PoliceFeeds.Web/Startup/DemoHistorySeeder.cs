using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Engagement;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Startup;

/// <summary>
/// A made-up history of the pilot (January to March of the last past pilot season) for the demo: published, rejected,
/// cancelled and failed messages of each pilot department with metrics snapshots, so the demo admin's report has
/// something to show. Development only (never in Testing, where tests count messages; never in production). Written
/// straight into the tables (no audit entries: nobody did these things). Idempotent: a department that already has
/// messages in the pilot period is left alone. Deterministic: the same figures at every run.
/// </summary>
public sealed class DemoHistorySeeder(PoliceFeedsDbContext db, TimeProvider timeProvider, ILogger<DemoHistorySeeder> logger)
{
    private static readonly string[] Texts =
    [
        "Vacances : pensez à l'Opération Tranquillité Vacances, signalez votre départ au commissariat.",
        "Cambriolages : fermez portes et fenêtres même pour une courte absence.",
        "Bilan de l'opération de contrôle de ce week-end : 12 infractions relevées.",
        "Appel à témoins : avez-vous vu cette personne ? Contactez le 17.",
        "Intempéries : la RN165 est fermée dans les deux sens, déviation mise en place.",
        "Contrôles de vitesse renforcés aux abords des écoles cette semaine.",
        "Portes ouvertes du commissariat samedi : venez découvrir nos métiers.",
    ];

    private static readonly DeliveryFailure[] Failures = [DeliveryFailure.Duplicate, DeliveryFailure.Rejected, DeliveryFailure.Unavailable];

    /// <summary>The January of the pilot shown by the demo: this year's once March is over, otherwise last year's.</summary>
    public DateOnly PilotStart()
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new DateOnly(now.Month >= 4 ? now.Year : now.Year - 1, 1, 1);
    }

    public async Task SeedAsync(IEnumerable<int> departmentIds, CancellationToken cancellationToken = default)
    {
        var start = PilotStart();
        var startUtc = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var endUtc = start.AddMonths(3).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        foreach (var departmentId in departmentIds)
        {
            var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
            if (department is null || await db.Messages.AnyAsync(m => m.DepartmentId == departmentId && m.CreatedAtUtc >= startUtc && m.CreatedAtUtc < endUtc, cancellationToken))
            {
                continue;
            }

            var officer = await UserIdAsync(UserSeeder.DemoOfficerEmail(department.Code), cancellationToken);
            var validator = await UserIdAsync(UserSeeder.DemoValidatorEmail(department.Code), cancellationToken);
            if (officer is null || validator is null)
            {
                continue;
            }

            var random = new Random(departmentId * 7919);
            var messages = new List<(Message Message, int Reach)>();
            for (var day = startUtc; day < endUtc; day = day.AddDays(1))
            {
                var perDay = random.Next(0, 3);
                for (var n = 0; n < perDay; n++)
                {
                    messages.Add(Make(department.Id, officer, validator, day.AddHours(7 + random.Next(0, 12)).AddMinutes(random.Next(0, 60)), random));
                }
            }

            var accountId = await db.PublishingAccounts.Where(a => a.DepartmentId == departmentId).OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (accountId is null)
            {
                continue;
            }

            messages.ForEach(m => m.Message.Deliveries.ForEach(d => d.AccountId = accountId.Value));
            db.Messages.AddRange(messages.Select(m => m.Message));
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (message, reach) in messages.Where(m => m.Message.Status == MessageStatus.Published))
            {
                // Reach grows fast the first day, then levels off.
                var published = message.PublishedAtUtc!.Value;
                foreach (var (hours, share) in new[] { (1, 0.35), (6, 0.7), (24, 0.9), (72, 1.0) })
                {
                    var impressions = (long)(reach * share);
                    db.PostMetricsSnapshots.Add(new PostMetricsSnapshot
                    {
                        MessageId = message.Id,
                        DeliveryId = message.Deliveries.Select(d => (long?)d.Id).FirstOrDefault(),
                        TakenAtUtc = published.AddHours(hours),
                        Impressions = impressions,
                        Likes = impressions / 40,
                        Reposts = impressions / 150,
                        Replies = impressions / 300,
                        Quotes = impressions / 1000,
                    });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            logger.LogInformation("Demo pilot history: {Count} messages for department {Code}", messages.Count, department.Code);
        }
    }

    private static (Message Message, int Reach) Make(int departmentId, string officer, string validator, DateTime created, Random random)
    {
        var category = 1 + random.Next(0, 7);
        var message = Message.CreateDraft(departmentId, category, Texts[category - 1], officer, created);
        var roll = random.NextDouble();
        var submitted = created.AddMinutes(random.Next(2, 30));
        var needsValidation = category is 3 or 4 || random.NextDouble() < 0.4;
        var validated = submitted.AddMinutes(needsValidation ? random.Next(3, category == 4 ? 30 : 300) : 0);
        if (roll < 0.07)
        {
            return (message, 0);
        }

        message.SubmittedAtUtc = submitted;
        if (roll < 0.15 && needsValidation)
        {
            message.Status = MessageStatus.Rejected;
            message.ValidatorId = validator;
            message.ValidatedAtUtc = validated;
            message.RejectionReason = "Formulation à revoir avant publication.";
            message.UpdatedAtUtc = validated;
            return (message, 0);
        }

        if (roll < 0.20)
        {
            message.Status = MessageStatus.Cancelled;
            message.UpdatedAtUtc = submitted.AddHours(1);
            return (message, 0);
        }

        if (needsValidation)
        {
            message.ValidatorId = validator;
            message.ValidatedAtUtc = validated;
        }

        message.DueAtUtc = validated.AddMinutes(random.NextDouble() < 0.5 ? 0 : random.Next(30, 600));
        if (roll < 0.25)
        {
            message.Status = MessageStatus.Failed;
            var failedAt = message.DueAtUtc.Value.AddMinutes(random.Next(1, 40));
            message.Deliveries.Add(new Delivery
            {
                DepartmentId = departmentId,
                Mode = DeliveryMode.Live,
                Status = DeliveryStatus.Failed,
                Attempts = 1 + random.Next(0, 6),
                Failure = Failures[random.Next(0, Failures.Length)],
                FailedAtUtc = failedAt,
            });
            message.UpdatedAtUtc = failedAt;
            return (message, 0);
        }

        message.Status = MessageStatus.Published;
        message.PublishedAtUtc = message.DueAtUtc.Value.AddSeconds(random.Next(1, random.NextDouble() < 0.9 ? 20 : 900));
        message.XPostId = (1_880_000_000_000_000_000L + (message.PublishedAtUtc.Value.Ticks / 10_000 % 1_000_000_000_000L) * 1000 + random.Next(0, 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        message.UpdatedAtUtc = message.PublishedAtUtc.Value;
        message.Deliveries.Add(new Delivery
        {
            DepartmentId = departmentId,
            Mode = DeliveryMode.Live,
            Status = DeliveryStatus.Sent,
            Attempts = 1,
            RemotePostId = message.XPostId,
            SentAtUtc = message.PublishedAtUtc,
        });
        var reach = category switch
        {
            4 => random.Next(20_000, 90_000),
            5 => random.Next(8_000, 30_000),
            3 => random.Next(5_000, 20_000),
            _ => random.Next(1_000, 9_000),
        };
        return (message, reach);
    }

    private Task<string?> UserIdAsync(string email, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
}
