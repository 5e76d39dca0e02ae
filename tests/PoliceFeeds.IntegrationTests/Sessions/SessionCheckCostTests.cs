using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PoliceFeeds.IntegrationTests.Sessions;

/// <summary>
/// What the per-request session check costs, next to the officer's home page that pays it: the check alone (one
/// compiled primary-key query joined to the user, in a fresh scope as each request has) against the whole page.
/// </summary>
public sealed class SessionCheckCostTests(PoliceFeedsAppFactory factory, ITestOutputHelper output) : IClassFixture<PoliceFeedsAppFactory>
{
    private const int PageRequests = 100;
    private const int Checks = 1000;

    [Fact]
    public async Task The_session_check_is_a_small_part_of_the_home_page()
    {
        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        string sessionId, userId;
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
            userId = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();
            sessionId = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null).Select(s => s.Id).SingleAsync();
        }

        var page = await MedianAsync(PageRequests, async () =>
        {
            using var response = await officer.GetAsync("/Messages");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        });
        var check = await MedianAsync(Checks, async () =>
        {
            await using var scope = factory.CreateScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<UserSessionStore>().IsLiveAsync(sessionId, userId));
        });

        output.WriteLine($"home page (/Messages) median {page.TotalMilliseconds:F2} ms over {PageRequests}; session check median {check.TotalMilliseconds:F3} ms over {Checks} ({check / page:P1} of the page)");
        Assert.True(check < page * 0.5, $"the session check ({check.TotalMilliseconds:F3} ms) is not small next to the page ({page.TotalMilliseconds:F2} ms)");
    }

    private static async Task<TimeSpan> MedianAsync(int count, Func<Task> action)
    {
        for (var i = 0; i < 10; i++)
        {
            await action();
        }

        var times = new List<TimeSpan>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start));
        }

        times.Sort();
        return times[count / 2];
    }
}
