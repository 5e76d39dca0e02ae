using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Officer;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>
/// The message page holds one form per action, each with the message's version: its markup stays valid (one element per
/// id, so that labels and assistive technologies find the right one).
/// </summary>
public sealed class MessagePageMarkupTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Theory]
    [InlineData(MessageStatus.Submitted)]
    [InlineData(MessageStatus.Published)]
    [InlineData(MessageStatus.Approved)]
    [InlineData(MessageStatus.Draft)]
    public async Task Every_id_on_the_message_page_is_unique_whatever_actions_it_offers(MessageStatus status)
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.MissingPerson, $"Appel à témoins {Guid.NewGuid():N}", status,
            publishedAtUtc: status == MessageStatus.Published ? factory.UtcNow.AddHours(-1) : null);
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);

        var page = await validator.GetPageAsync($"/Messages/{id}");

        Assert.True(page.QuerySelectorAll("form[method=post]").Length >= 1);
        Assert.NotEmpty(page.QuerySelectorAll("input[name=Version]"));
        var duplicates = page.QuerySelectorAll("[id]").GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.Empty(duplicates);
    }
}
