using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.Archives;

/// <summary>
/// Haute-Corse (2B, not a pilot department: activated here) with a live account on each network and a training one, its
/// officer and validator, and the third quarter of 2026 (Paris time) of posts: one message on the three networks with two
/// photos, one taken down with its reason, a redacted missing-person appeal, one sent at 00:30 on 1 July in Paris (22:30
/// UTC on 30 June: in), one at 23:00 on 30 June in Paris (out), one on the training timeline (out) and one of 44 (out).
/// </summary>
public static class ArchiveTestData
{
    public const string Code = "2B";
    public const string Officer = "officier2b@archives.test";
    public const string Validator = "validateur2b@archives.test";
    public const string Quarter = "from=2026-07-01&to=2026-09-30";

    public static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5];
    public static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 9, 8, 7];

    public sealed record Seeded(int DepartmentId, long Everywhere, long TakenDown, long Redacted, long Midnight, long BeforeMidnight, long Training, long Elsewhere);

    public static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static async Task<Seeded> SeedAsync(PoliceFeedsAppFactory factory)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var department = await db.Departments.SingleAsync(d => d.Code == Code);
        department.IsActive = true;
        await db.SaveChangesAsync();
        var officer = await CreateUserAsync(scope, Officer, "Agent Paoli", Roles.Officer, department.Id);
        var validator = await CreateUserAsync(scope, Validator, "Cheffe Santoni", Roles.Validator, department.Id);
        var category = await db.Categories.OrderBy(c => c.SortOrder).FirstAsync();
        var missing = await db.Categories.SingleAsync(c => c.Key == CategoryKeys.MissingPerson);

        PublishingAccount Account(PublishingNetwork network, string handle, string? server, AccountMode mode) =>
            new() { DepartmentId = department.Id, Network = network, Handle = handle, ServerUrl = server, Mode = mode, RemoteUserId = $"archive-{network}-{handle}" };

        var x = Account(PublishingNetwork.X, "PoliceNat2B", null, AccountMode.Live);
        var bluesky = Account(PublishingNetwork.Bluesky, "police2b.bsky.social", "https://bsky.social", AccountMode.Live);
        var mastodon = Account(PublishingNetwork.Mastodon, "police2b", "https://social.numerique.gouv.fr", AccountMode.Live);
        var training = Account(PublishingNetwork.X, "PoliceNat2B_test", null, AccountMode.Sandbox);
        db.PublishingAccounts.AddRange(x, bluesky, mastodon, training);
        await db.SaveChangesAsync();

        Message Published(string text, DateTime sentUtc, int categoryId = 0)
        {
            var m = new Message
            {
                DepartmentId = department.Id,
                CategoryId = categoryId == 0 ? category.Id : categoryId,
                Text = text,
                AuthorId = officer,
                Status = MessageStatus.Published,
                CreatedAtUtc = sentUtc.AddHours(-3),
                UpdatedAtUtc = sentUtc,
                SubmittedAtUtc = sentUtc.AddHours(-2),
                ValidatorId = validator,
                ValidatedAtUtc = sentUtc.AddHours(-1),
                PublishedAtUtc = sentUtc,
            };
            db.Messages.Add(m);
            return m;
        }

        void Deliver(Message m, PublishingAccount account, DateTime sentUtc, string postId, string url, DeliveryStatus status = DeliveryStatus.Sent, DateTime? withdrawnUtc = null) =>
            m.Deliveries.Add(new Delivery
            {
                DepartmentId = m.DepartmentId,
                AccountId = account.Id,
                Mode = account.Mode == AccountMode.Live ? DeliveryMode.Live : DeliveryMode.Training,
                Status = status,
                RemotePostId = postId,
                RemotePostUrl = url,
                SentAtUtc = sentUtc,
                WithdrawnAtUtc = withdrawnUtc,
            });

        var everywhere = Published("Prévention : fermez vos portières, même pour une minute.", Utc(7, 15, 8));
        everywhere.Photos.Add(new MessagePhoto { Position = 0, ContentType = "image/jpeg", Content = JpegBytes, Length = JpegBytes.Length, AltText = "Une portière ouverte sur un parking" });
        everywhere.Photos.Add(new MessagePhoto { Position = 1, ContentType = "image/png", Content = PngBytes, Length = PngBytes.Length, AltText = "Affiche « Fermez à clé »" });
        Deliver(everywhere, x, Utc(7, 15, 8), "1950000000000000101", "https://x.com/PoliceNat2B/status/1950000000000000101");
        Deliver(everywhere, bluesky, Utc(7, 15, 8, 1), "at://did:plc:police2b/app.bsky.feed.post/3kabc", "https://bsky.app/profile/police2b.bsky.social/post/3kabc");
        Deliver(everywhere, mastodon, Utc(7, 15, 8, 2), "113000000000000001", "https://social.numerique.gouv.fr/@police2b/113000000000000001");

        var takenDown = Published("Fermeture de la RT 11 le 32 août.", Utc(8, 2, 9));
        Deliver(takenDown, x, Utc(8, 2, 9), "1950000000000000102", "https://x.com/PoliceNat2B/status/1950000000000000102", DeliveryStatus.Withdrawn, Utc(8, 2, 9, 20));

        var redacted = Published(Message.RedactedText, Utc(9, 1, 7), missing.Id);
        redacted.FoundAtUtc = Utc(9, 2, 7);
        redacted.RedactAtUtc = Utc(9, 9, 7);
        redacted.RedactedAtUtc = Utc(9, 9, 7);
        redacted.WithdrawnAtUtc = Utc(9, 2, 7, 1);
        redacted.Status = MessageStatus.Withdrawn;
        Deliver(redacted, x, Utc(9, 1, 7), "1950000000000000103", "https://x.com/PoliceNat2B/status/1950000000000000103", DeliveryStatus.Withdrawn, Utc(9, 2, 7, 1));

        var midnight = Published("Bonne nuit depuis Bastia.", Utc(6, 30, 22, 30));
        Deliver(midnight, x, Utc(6, 30, 22, 30), "1950000000000000104", "https://x.com/PoliceNat2B/status/1950000000000000104");
        var beforeMidnight = Published("Encore juin à Bastia.", Utc(6, 30, 21));
        Deliver(beforeMidnight, x, Utc(6, 30, 21), "1950000000000000105", "https://x.com/PoliceNat2B/status/1950000000000000105");
        var onTraining = Published("Message d'entraînement.", Utc(7, 20, 10));
        Deliver(onTraining, training, Utc(7, 20, 10), "sandbox-1", "/Sandbox#1");
        await db.SaveChangesAsync();

        var account44 = await db.PublishingAccounts.FirstAsync(a => a.DepartmentId == DemoUsers.Department44);
        var elsewhere = new Message
        {
            DepartmentId = DemoUsers.Department44,
            CategoryId = category.Id,
            Text = "Nantes : marché de Noël.",
            AuthorId = officer,
            Status = MessageStatus.Published,
            CreatedAtUtc = Utc(7, 10, 8),
            UpdatedAtUtc = Utc(7, 10, 9),
        };
        db.Messages.Add(elsewhere);
        elsewhere.Deliveries.Add(new Delivery { DepartmentId = DemoUsers.Department44, AccountId = account44.Id, Mode = DeliveryMode.Live, Status = DeliveryStatus.Sent, SentAtUtc = Utc(7, 10, 9), RemotePostId = "1950000000000000199" });
        await db.SaveChangesAsync();

        AuditEntry Audit(Message m, DateTime at, string actor, string action, string from, string to, string? details) => new()
        {
            AtUtc = at,
            ActorId = actor,
            Action = action,
            EntityType = nameof(Message),
            EntityId = m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DepartmentId = m.DepartmentId,
            FromStatus = from,
            ToStatus = to,
            Details = details,
        };
        db.AuditEntries.AddRange(
            Audit(everywhere, Utc(7, 15, 5, 30), validator, "message.returned_to_draft", "Submitted", "Draft", "modification"),
            Audit(everywhere, Utc(7, 15, 7), validator, "message.approved", "Submitted", "Approved", null),
            Audit(takenDown, Utc(8, 2, 9, 15), validator, "message.withdrawal_requested", "Published", "WithdrawalRequested", "Date erronée"),
            Audit(redacted, Utc(9, 2, 7), officer, "message.person_found", "Published", "WithdrawalRequested", "personne retrouvée"),
            Audit(redacted, Utc(9, 9, 7), SystemActors.Publisher, "message.redacted", "Withdrawn", "Withdrawn", "texte et photos masqués"));
        await db.SaveChangesAsync();
        return new Seeded(department.Id, everywhere.Id, takenDown.Id, redacted.Id, midnight.Id, beforeMidnight.Id, onTraining.Id, elsewhere.Id);
    }

    private static async Task<string> CreateUserAsync(AsyncServiceScope scope, string email, string name, string role, int departmentId)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAtUtc = Utc(1, 5, 8) };
        Assert.True((await users.CreateAsync(user, UserSeeder.DemoPassword)).Succeeded);
        await users.AddToRoleAsync(user, role);
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        db.UserDepartments.Add(new UserDepartment { UserId = user.Id, DepartmentId = departmentId });
        await db.SaveChangesAsync();
        return user.Id;
    }
}
