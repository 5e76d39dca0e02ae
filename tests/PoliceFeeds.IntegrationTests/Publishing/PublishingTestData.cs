using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

public static class PublishingTestData
{
    /// <summary>Inserts approved messages due now (or at <paramref name="dueAtUtc"/>) for a department.</summary>
    public static async Task<List<long>> AddDueMessagesAsync(PoliceFeedsAppFactory factory, int departmentId, int count, DateTime dueAtUtc, string prefix = "Message", Action<Message>? customise = null)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var message = Message.CreateDraft(departmentId, 1, $"{prefix} {i} {Guid.NewGuid():N}", author, dueAtUtc.AddMinutes(-5));
            message.Status = MessageStatus.Approved;
            message.DueAtUtc = dueAtUtc;
            message.NextAttemptAtUtc = dueAtUtc;
            customise?.Invoke(message);
            return message;
        }).ToList();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    }

    /// <summary>One round of the publisher, as its hosted service runs it, with <paramref name="options"/>.</summary>
    public static async Task<int> RunPublisherOnceAsync(PoliceFeedsAppFactory factory, PublishingOptions options, CancellationToken cancellationToken = default)
    {
        await using var scope = factory.CreateScope();
        var processor = ActivatorUtilities.CreateInstance<PublishingProcessor>(scope.ServiceProvider, Options.Create(options));
        return await processor.RunOnceAsync(cancellationToken);
    }

    public static async Task<T> WithDbAsync<T>(PoliceFeedsAppFactory factory, Func<PoliceFeedsDbContext, Task<T>> query)
    {
        await using var scope = factory.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>());
    }

    /// <summary>A lifecycle action on a message, saved as the back office saves it (the planner runs with the save).</summary>
    public static async Task ActAsync(PoliceFeedsAppFactory factory, long id, Func<Message, LifecycleResult> act)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var message = await db.Messages.SingleAsync(m => m.Id == id);
        Xunit.Assert.True(act(message).Succeeded);
        await db.SaveChangesAsync();
    }

    /// <summary>Changes the X account of a department, saved as an administrator's page would.</summary>
    public static async Task SetAccountAsync(PoliceFeedsAppFactory factory, int departmentId, Action<PoliceFeeds.Core.Accounts.PublishingAccount> change)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var account = await db.PublishingAccounts.SingleAsync(a => a.DepartmentId == departmentId);
        change(account);
        await db.SaveChangesAsync();
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException("The condition was not met in time.");
            }

            await Task.Delay(50);
        }
    }
}
