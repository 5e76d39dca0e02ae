using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.BrowserTests.Infrastructure;

/// <summary>
/// Department 06 with a message in every state the pages draw (draft, submitted, scheduled, published with a long
/// x.com link, rejected, failed, cancelled, withdrawal requested, withdrawn after "personne retrouvée"), its publishing
/// paused (so the publisher leaves them as they are), and a locked user: what the accessibility tour visits.
/// </summary>
public static class StateSeed
{
    public const int Department06 = 5;
    public static readonly string Officer06 = UserSeeder.DemoOfficerEmail("06");
    public const string LockedEmail = "verrouille.06@demo.policefeeds.fr";

    public sealed record Seeded(IReadOnlyDictionary<MessageStatus, long> Messages, string LockedUserId, long OpenAppealId);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Seeded? _seeded;

    public static async Task<Seeded> EnsureAsync(PoliceFeedsAppFactory factory)
    {
        await Gate.WaitAsync();
        try
        {
            return _seeded ??= await SeedAsync(factory);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Seeded> SeedAsync(PoliceFeedsAppFactory factory)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var author = await db.Users.Where(u => u.Email == Officer06).Select(u => u.Id).SingleAsync();
        var validator = await db.Users.Where(u => u.Email == UserSeeder.DemoValidatorEmail("06")).Select(u => u.Id).SingleAsync();
        var department = await db.Departments.SingleAsync(d => d.Id == Department06);
        department.PublishingPaused = true;
        department.PauseReason = "Exercice d'accessibilité";
        var now = DateTime.UtcNow;

        Message Make(MessageStatus status, int category, string text) => new()
        {
            DepartmentId = Department06,
            CategoryId = category,
            Text = text,
            AuthorId = author,
            Status = status,
            CreatedAtUtc = now.AddHours(-3),
            UpdatedAtUtc = now.AddHours(-2),
        };

        const int prevention = 1, missingPerson = 4;
        var messages = new Dictionary<MessageStatus, Message>
        {
            [MessageStatus.Draft] = Make(MessageStatus.Draft, prevention, "Brouillon : conseils avant les vacances #Prévention"),
            [MessageStatus.Submitted] = Make(MessageStatus.Submitted, missingPerson, "Appel à témoins : Léa, 15 ans, disparue à Nice. Contactez le 17."),
            [MessageStatus.Approved] = Make(MessageStatus.Approved, prevention, "Programmé : opération tranquillité vacances"),
            [MessageStatus.Published] = Make(MessageStatus.Published, prevention, "Publié : retrouvez nos conseils https://www.police-nationale.interieur.gouv.fr/conseils-de-prevention/vacances-tranquilles"),
            [MessageStatus.Rejected] = Make(MessageStatus.Rejected, prevention, "Refusé : chiffres de la semaine"),
            [MessageStatus.Failed] = Make(MessageStatus.Failed, prevention, "Échec : message déjà publié"),
            [MessageStatus.Cancelled] = Make(MessageStatus.Cancelled, prevention, "Annulé : réunion publique reportée"),
            [MessageStatus.WithdrawalRequested] = Make(MessageStatus.WithdrawalRequested, missingPerson, "Appel à témoins : Hugo, 12 ans (retrait demandé)"),
            [MessageStatus.Withdrawn] = Make(MessageStatus.Withdrawn, missingPerson, "Appel à témoins : Noé, 14 ans (retrouvé)"),
        };
        messages[MessageStatus.Submitted].SubmittedAtUtc = now.AddHours(-2);
        messages[MessageStatus.Approved].ScheduleMode = ScheduleMode.At;
        messages[MessageStatus.Approved].ScheduledAtUtc = now.AddDays(3);
        messages[MessageStatus.Approved].DueAtUtc = now.AddDays(3);
        messages[MessageStatus.Approved].ValidatorId = validator;
        var published = messages[MessageStatus.Published];
        published.PublishedAtUtc = now.AddHours(-1);
        published.XPostId = "1999000000000000001";
        published.XPostUrl = "https://x.com/PoliceNat06/status/1999000000000000001?s=20&t=averyveryverylongtrackingparameterthatshouldwrapinsteadofoverflowing";
        messages[MessageStatus.Rejected].RejectionReason = "Chiffres à confirmer avec le parquet.";
        messages[MessageStatus.Rejected].ValidatorId = validator;
        var accountId = await db.XAccounts.Where(a => a.DepartmentId == Department06).Select(a => a.Id).SingleAsync();
        Delivery DeliveryOf(DeliveryStatus status) => new() { DepartmentId = Department06, AccountId = accountId, Mode = DeliveryMode.Live, Status = status, Attempts = 1 };
        var failed = DeliveryOf(DeliveryStatus.Failed);
        failed.Failure = DeliveryFailure.Duplicate;
        failed.FailureDetail = "You are not allowed to create a Tweet with duplicate content.";
        failed.FailedAtUtc = now.AddMinutes(-30);
        messages[MessageStatus.Failed].Deliveries.Add(failed);
        var sent = DeliveryOf(DeliveryStatus.Sent);
        sent.RemotePostId = published.XPostId;
        sent.RemotePostUrl = published.XPostUrl;
        sent.SentAtUtc = published.PublishedAtUtc;
        published.Deliveries.Add(sent);
        foreach (var status in new[] { MessageStatus.WithdrawalRequested, MessageStatus.Withdrawn })
        {
            messages[status].PublishedAtUtc = now.AddDays(-9);
            messages[status].FoundAtUtc = now.AddMinutes(-20);
            messages[status].FoundById = author;
        }

        messages[MessageStatus.Withdrawn].WithdrawnAtUtc = now.AddMinutes(-19);
        var openAppeal = Make(MessageStatus.Published, missingPerson, "Appel à témoins : Sam, 17 ans, disparu à Cannes. Contactez le 17.");
        openAppeal.PublishedAtUtc = now.AddDays(-10);
        openAppeal.XPostId = "1999000000000000002";
        openAppeal.XPostUrl = "https://x.com/PoliceNat06/status/1999000000000000002";
        db.Messages.AddRange(messages.Values);
        db.Messages.Add(openAppeal);
        await db.SaveChangesAsync();

        var locked = new AppUser { UserName = LockedEmail, Email = LockedEmail, EmailConfirmed = true, DisplayName = "Agent verrouillé 06", IsActive = true };
        Assert.True((await users.CreateAsync(locked, UserSeeder.DemoPassword + "x")).Succeeded);
        await users.SetLockoutEndDateAsync(locked, DateTimeOffset.UtcNow.AddDays(1));
        return new Seeded(messages.ToDictionary(m => m.Key, m => m.Value.Id), locked.Id, openAppeal.Id);
    }
}
