using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>The validators' queue: submitted messages of their departments, oldest first, with its count in the header.</summary>
public sealed class QueueTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task A_validator_sees_the_submitted_messages_of_the_department_oldest_first_and_the_count_in_the_header()
    {
        var marker = Guid.NewGuid().ToString("N");
        var newer = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.MissingPerson, "Récent " + marker, MessageStatus.Submitted, customise: m => m.SubmittedAtUtc = factory.UtcNow.AddHours(-1));
        var older = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.MissingPerson, "Ancien " + marker, MessageStatus.Submitted, customise: m => m.SubmittedAtUtc = factory.UtcNow.AddDays(-2));
        var of35 = await OfficerTestData.AddAsync(factory, DemoUsers.Department35, MessageTestData.MissingPerson, "Du 35 " + marker, MessageStatus.Submitted, authorEmail: DemoUsers.Officer35, customise: m => m.SubmittedAtUtc = factory.UtcNow.AddDays(-3));
        var draft = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.Prevention, "Brouillon " + marker, MessageStatus.Draft);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator44);

        var page = await client.GetPageAsync("/Queue");

        var ids = page.QuerySelectorAll("[data-testid=queue] tr[data-message]").Select(r => long.Parse(r.GetAttribute("data-message")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ids.IndexOf(older) >= 0 && ids.IndexOf(older) < ids.IndexOf(newer), string.Join(",", ids));
        Assert.DoesNotContain(of35, ids);
        Assert.DoesNotContain(draft, ids);
        Assert.Equal(ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=queue-count]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"[data-testid=queue] a[href='/Messages/{older}']"));
    }

    [Fact]
    public async Task A_validator_does_not_find_their_own_message_in_the_queue_and_officers_have_no_queue()
    {
        var own = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.MissingPerson, "Le mien " + Guid.NewGuid(), MessageStatus.Submitted, authorEmail: DemoUsers.Validator44);
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        Assert.Null((await validator.GetPageAsync("/Queue")).QuerySelector($"tr[data-message='{own}']"));

        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        Assert.Null((await officer.GetPageAsync("/Messages")).QuerySelector("[data-testid=queue-count]"));
        using var response = await officer.GetAsync("/Queue");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
