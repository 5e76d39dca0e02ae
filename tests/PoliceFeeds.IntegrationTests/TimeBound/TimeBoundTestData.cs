using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.TimeBound;

public static class TimeBoundTestData
{
    public const int MissingPerson = 4;
    public const int RoadDeviation = 5;
    public const int Prevention = 1;

    /// <summary>Inserts a message already published (on the sandbox timeline or as if on X) by the demo officer of its department.</summary>
    public static async Task<long> AddPublishedAsync(PoliceFeedsAppFactory factory, int departmentId, int categoryId, string text, DateTime publishedAtUtc, string authorEmail, Action<Message>? customise = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == authorEmail).Select(u => u.Id).SingleAsync();
        var message = Message.CreateDraft(departmentId, categoryId, text, author, publishedAtUtc.AddMinutes(-10));
        message.Status = MessageStatus.Published;
        message.DueAtUtc = publishedAtUtc;
        message.PublishedAtUtc = publishedAtUtc;
        message.XPostId = "17" + Random.Shared.NextInt64(10_000_000_000_000_000, 99_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        customise?.Invoke(message);
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    public static async Task<List<string>> AuditActionsAsync(PoliceFeedsAppFactory factory, long messageId)
    {
        await using var scope = factory.CreateScope();
        var id = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().AuditEntries
            .Where(a => a.EntityType == nameof(Message) && a.EntityId == id)
            .OrderBy(a => a.Id)
            .Select(a => a.Action)
            .ToListAsync();
    }

    public static async Task<List<Message>> FollowUpsAsync(PoliceFeedsAppFactory factory, long parentId)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Messages.AsNoTracking()
            .Where(m => m.InReplyToMessageId == parentId).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Marks an appeal found through the domain, as the validator's button does.</summary>
    public static async Task MarkFoundAsync(PoliceFeedsAppFactory factory, long id, DateTime nowUtc, int redactAfterDays = 30)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var message = await db.Messages.SingleAsync(m => m.Id == id);
        var result = message.MarkPersonFound("test-validator", CategoryKeys.MissingPerson, nowUtc, nowUtc.AddDays(redactAfterDays));
        Assert.True(result.Succeeded, result.Error.ToString());
        await db.SaveChangesAsync();
    }
}
