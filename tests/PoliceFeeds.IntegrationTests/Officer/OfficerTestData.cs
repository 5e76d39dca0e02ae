using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>Arrangements for the officers' aids tests: messages in a given state, written straight to the database.</summary>
public static class OfficerTestData
{
    public static async Task<long> AddAsync(PoliceFeedsAppFactory factory, int departmentId, int categoryId, string text, MessageStatus status, DateTime? publishedAtUtc = null, DateTime? dueAtUtc = null, string authorEmail = "", Action<Message>? customise = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var email = authorEmail.Length > 0 ? authorEmail : DemoUsers.Officer44;
        var author = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var message = Message.CreateDraft(departmentId, categoryId, text, author, factory.UtcNow.AddDays(-1));
        message.Status = status;
        message.PublishedAtUtc = publishedAtUtc;
        message.DueAtUtc = dueAtUtc;
        message.NextAttemptAtUtc = dueAtUtc;
        if (dueAtUtc is not null)
        {
            message.ScheduleMode = ScheduleMode.At;
            message.ScheduledAtUtc = dueAtUtc;
        }

        if (status == MessageStatus.Published)
        {
            message.XPostId = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000).ToString(CultureInfo.InvariantCulture);
        }

        customise?.Invoke(message);
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    public static async Task<List<AuditEntry>> AuditAsync(PoliceFeedsAppFactory factory, long id)
    {
        await using var scope = factory.CreateScope();
        var entityId = id.ToString(CultureInfo.InvariantCulture);
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Message" && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Posts the compose form of an existing message with the handler "Save" or "Submit".</summary>
    public static async Task<HttpResponseMessage> EditAsync(this TestClient client, long id, MultipartFormDataContent form, string handler = "Save") =>
        await client.PostMultipartAsync($"/Messages/Edit/{id}", form, $"/Messages/Edit/{id}?handler={handler}", "#message-form");

    public static MultipartFormDataContent EditForm(Message message, string text, int? categoryId = null, string? scheduledLocal = null) =>
        MessageTestData.ComposeForm(message.DepartmentId, categoryId ?? message.CategoryId, text, scheduledLocal is null ? message.ScheduleMode : ScheduleMode.At,
            scheduledLocal ?? (message.ScheduledAtUtc is { } at ? Core.Scheduling.DepartmentTime.ToLocal(at, "Europe/Paris").ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : null),
            message.Version);
}
