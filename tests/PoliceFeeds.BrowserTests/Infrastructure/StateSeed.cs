using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.BrowserTests.Infrastructure;

/// <summary>
/// Department 06 with a message in every state the pages draw (draft, submitted, scheduled, published with a long
/// x.com link, rejected, failed, cancelled, withdrawal requested, withdrawn after "personne retrouvée", a delivery held
/// by a mode change, a failure possibly online), its publishing
/// paused (so the publisher leaves them as they are), and a locked user: what the accessibility tour visits. For the
/// officers' aids: scheduled and published messages on every day of the current week (the calendar), a national and a
/// department template, a draft whose text is that of a recent post (the duplicate-text warning), and a validator of
/// 06 and 35 whose queue holds messages of both departments, one waiting for days and one with a planned time. For the
/// report: the demo pilot history of 62 (not of 06, whose old appeals would count as open). For the enrolment in
/// two-factor authentication: a national admin who has not enrolled yet.
/// </summary>
public static class StateSeed
{
    public const int Department06 = 5;
    public static readonly string Officer06 = UserSeeder.DemoOfficerEmail("06");
    public const string LockedEmail = "verrouille.06@demo.policefeeds.fr";
    public const string MultiValidatorEmail = "validateur.06-35@demo.policefeeds.fr";
    public const string NewAdminEmail = "admin.nouveau@demo.policefeeds.fr";

    public sealed record Seeded(IReadOnlyDictionary<MessageStatus, long> Messages, string LockedUserId, long OpenAppealId,
        int NationalTemplateId, int DepartmentTemplateId, long DuplicateTextDraftId, DateOnly PilotStart, long HeldId, long PossiblySentId);

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
        var now = factory.UtcNow;

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
        var accountId = await db.PublishingAccounts.Where(a => a.DepartmentId == Department06).Select(a => a.Id).SingleAsync();
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

        // Two states of a delivery a person meets: held since the account went from training to live (a validator may
        // approve it again), and failed after an attempt whose answer never came (possibly online: checked first).
        var held = Make(MessageStatus.Approved, prevention, "Retenu : message validé avant le passage du compte en réel");
        held.ValidatorId = validator;
        held.DueAtUtc = now.AddMinutes(-5);
        var heldDelivery = DeliveryOf(DeliveryStatus.Pending);
        held.Deliveries.Add(heldDelivery);
        var possiblySent = Make(MessageStatus.Failed, prevention, "Incertain : la réponse de X n'est jamais arrivée");
        var uncertain = DeliveryOf(DeliveryStatus.Failed);
        uncertain.Failure = DeliveryFailure.PossiblySent;
        uncertain.PossiblySentSinceUtc = now.AddMinutes(-12);
        uncertain.FailedAtUtc = now.AddMinutes(-10);
        uncertain.Attempts = 5;
        possiblySent.Deliveries.Add(uncertain);
        var openAppeal = Make(MessageStatus.Published, missingPerson, "Appel à témoins : Sam, 17 ans, disparu à Cannes. Contactez le 17.");
        openAppeal.PublishedAtUtc = now.AddDays(-10);
        openAppeal.XPostId = "1999000000000000002";
        openAppeal.XPostUrl = "https://x.com/PoliceNat06/status/1999000000000000002";
        db.Messages.AddRange(messages.Values);
        db.Messages.AddRange(openAppeal, held, possiblySent);
        await db.SaveChangesAsync();

        // Held after the save: a message added as approved has its deliveries planned (queued) by that save.
        heldDelivery.Status = DeliveryStatus.Held;
        heldDelivery.Mode = DeliveryMode.Training;
        heldDelivery.Hold = DeliveryHold.ModeChanged;
        heldDelivery.Failure = DeliveryFailure.ModeChanged;

        // The calendar: one message a day this week (Monday to Sunday, Paris time), published before now, scheduled after.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var week = CalendarRange.Week(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, paris)));
        string[] calendarTexts =
        [
            "Bilan du week-end : 12 contrôles routiers sur la promenade des Anglais",
            "Prévention : attention aux vols à la portière aux feux rouges",
            "Recrutement : venez rencontrer nos policiers au forum de l'emploi",
            "Conseils : sécurisez votre vélo avec un antivol en U",
            "Journée portes ouvertes du commissariat de Cannes samedi",
            "Marché de Noël : dispositif de sécurité renforcé",
            "Rappel : le 17 en cas d'urgence, le 112 depuis un portable",
        ];
        var calendar = new List<Message>();
        for (var day = 0; day < 7; day++)
        {
            var local = week.FirstDay.AddDays(day).ToDateTime(new TimeOnly(day % 2 == 0 ? 9 : 17, 30));
            var at = TimeZoneInfo.ConvertTimeToUtc(local, paris);
            var entry = Make(at < now ? MessageStatus.Published : MessageStatus.Approved, prevention, calendarTexts[day]);
            if (at < now)
            {
                entry.PublishedAtUtc = at;
                entry.XPostId = (1999000000000000100L + day).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                entry.ScheduleMode = ScheduleMode.At;
                entry.ScheduledAtUtc = at;
                entry.DueAtUtc = at;
                entry.ValidatorId = validator;
            }

            calendar.Add(entry);
        }

        // Published posts of 35 and 44 today: the national admin's calendar spans departments.
        foreach (var (departmentId, text, minutes) in new[] { (2, "Ille-et-Vilaine : rappel des horaires d'accueil du commissariat de Rennes", -150), (1, "Loire-Atlantique : contrôles renforcés aux abords des écoles de Nantes", -95) })
        {
            var other = Make(MessageStatus.Published, prevention, text);
            other.DepartmentId = departmentId;
            other.AuthorId = await db.Users.Where(u => u.Email == UserSeeder.DemoOfficerEmail(departmentId == 2 ? "35" : "44")).Select(u => u.Id).SingleAsync();
            other.PublishedAtUtc = now.AddMinutes(minutes);
            other.XPostId = (1999000000000000200L + departmentId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            calendar.Add(other);
        }

        db.Messages.AddRange(calendar);

        // The duplicate-text warning: a draft with the text of the post published an hour ago.
        var duplicateDraft = Make(MessageStatus.Draft, prevention, published.Text);

        // The queue of a validator of 06 and 35: the submitted message of 06 above, one of 06 waiting for three days
        // with a planned time, one of 35.
        var author35 = await db.Users.Where(u => u.Email == UserSeeder.DemoOfficerEmail("35")).Select(u => u.Id).SingleAsync();
        var waiting = Make(MessageStatus.Submitted, missingPerson, "Appel à témoins : accident de la route à Antibes le 28, témoins recherchés.");
        waiting.SubmittedAtUtc = now.AddDays(-3);
        waiting.ScheduleMode = ScheduleMode.At;
        waiting.ScheduledAtUtc = now.AddDays(1);
        var of35 = Make(MessageStatus.Submitted, 3, "Bilan : démantèlement d'un point de deal à Rennes, 3 interpellations.");
        of35.DepartmentId = 2;
        of35.AuthorId = author35;
        of35.SubmittedAtUtc = now.AddMinutes(-40);
        db.Messages.AddRange(duplicateDraft, waiting, of35);

        // Templates: a national one and one of 06.
        var admin = await db.Users.Where(u => u.Email == UserSeeder.DemoAdminEmail).Select(u => u.Id).SingleAsync();
        var national = new MessageTemplate
        {
            Name = "Opération tranquillité vacances",
            CategoryId = prevention,
            Text = "Vous partez en vacances ? Inscrivez-vous à l'opération tranquillité vacances auprès de votre commissariat.",
            Hashtags = "#OTV #Prévention",
            UpdatedById = admin,
            CreatedAtUtc = now.AddDays(-20),
            UpdatedAtUtc = now.AddDays(-20),
        };
        var ofDepartment = new MessageTemplate
        {
            DepartmentId = Department06,
            Name = "Appel à témoins (disparition)",
            CategoryId = missingPerson,
            Text = "Appel à témoins : [prénom], [âge] ans, a disparu à [commune] le [date]. Toute information au 17.",
            Hashtags = "#AppelATémoins #AlpesMaritimes",
            UpdatedById = validator,
            CreatedAtUtc = now.AddDays(-5),
            UpdatedAtUtc = now.AddDays(-5),
        };
        db.MessageTemplates.AddRange(national, ofDepartment);
        await db.SaveChangesAsync();

        var multi = new AppUser { UserName = MultiValidatorEmail, Email = MultiValidatorEmail, EmailConfirmed = true, DisplayName = "Valideur 06 et 35", IsActive = true };
        Assert.True((await users.CreateAsync(multi, UserSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(multi, Roles.Validator)).Succeeded);
        db.UserDepartments.AddRange(new UserDepartment { UserId = multi.Id, DepartmentId = Department06 }, new UserDepartment { UserId = multi.Id, DepartmentId = 2 });
        await db.SaveChangesAsync();

        var locked = new AppUser { UserName = LockedEmail, Email = LockedEmail, EmailConfirmed = true, DisplayName = "Agent verrouillé 06", IsActive = true };
        Assert.True((await users.CreateAsync(locked, UserSeeder.DemoPassword + "x")).Succeeded);
        await users.SetLockoutEndDateAsync(locked, factory.Now.AddDays(1));

        var newAdmin = new AppUser { UserName = NewAdminEmail, Email = NewAdminEmail, EmailConfirmed = true, DisplayName = "Administrateur à enrôler", IsActive = true };
        Assert.True((await users.CreateAsync(newAdmin, UserSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(newAdmin, Roles.NationalAdmin)).Succeeded);
        // The key the enrolment page shows, made now: made by the page's first visit, it would change the security stamp
        // and end the tour's shared session of this admin at the next stamp validation.
        Assert.True((await users.ResetAuthenticatorKeyAsync(newAdmin)).Succeeded);

        var history = scope.ServiceProvider.GetRequiredService<DemoHistorySeeder>();
        await history.SeedAsync([DemoUsers.Department62]);
        return new Seeded(messages.ToDictionary(m => m.Key, m => m.Value.Id), locked.Id, openAppeal.Id, national.Id, ofDepartment.Id, duplicateDraft.Id,
            history.PilotStart(), held.Id, possiblySent.Id);
    }
}
