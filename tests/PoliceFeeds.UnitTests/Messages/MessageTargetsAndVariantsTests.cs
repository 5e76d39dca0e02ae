using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;

namespace PoliceFeeds.UnitTests.Messages;

public sealed class MessageTargetsAndVariantsTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_message_without_targets_goes_to_every_account_and_one_with_targets_to_those_alone()
    {
        var message = Message.CreateDraft(1, 1, "Texte", "author", Now);
        Assert.True(message.GoesTo(7));

        message.SetTargets([3, 5, 3]);

        Assert.Equal([3, 5], message.Targets.Select(t => t.AccountId).ToArray());
        Assert.True(message.GoesTo(5));
        Assert.False(message.GoesTo(7));
    }

    [Fact]
    public void Setting_targets_again_keeps_the_rows_that_stay()
    {
        var message = Message.CreateDraft(1, 1, "Texte", "author", Now);
        message.SetTargets([3, 5]);
        var kept = message.Targets.Single(t => t.AccountId == 5);

        message.SetTargets([5, 9]);

        Assert.Same(kept, message.Targets.Single(t => t.AccountId == 5));
        Assert.Equal([5, 9], message.Targets.Select(t => t.AccountId).Order().ToArray());
    }

    [Fact]
    public void A_network_takes_its_variant_and_the_others_the_main_text()
    {
        var message = Message.CreateDraft(1, 1, "Texte principal", "author", Now);

        message.SetVariant(PublishingNetwork.Mastodon, "Texte pour Mastodon");

        Assert.Equal("Texte pour Mastodon", message.TextFor(PublishingNetwork.Mastodon));
        Assert.Equal("Texte principal", message.TextFor(PublishingNetwork.X));
        Assert.Equal("Texte principal", message.TextFor(PublishingNetwork.Bluesky));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Texte principal")]
    public void A_blank_variant_or_one_equal_to_the_main_text_removes_it(string? text)
    {
        var message = Message.CreateDraft(1, 1, "Texte principal", "author", Now);
        message.SetVariant(PublishingNetwork.Bluesky, "Variante");

        message.SetVariant(PublishingNetwork.Bluesky, text);

        Assert.Empty(message.Variants);
    }

    [Fact]
    public void A_copy_keeps_the_targets_and_variants()
    {
        var message = Message.CreateDraft(1, 1, "Texte principal", "author", Now);
        message.SetTargets([4]);
        message.SetVariant(PublishingNetwork.Bluesky, "Variante");

        Assert.True(message.Duplicate("other", Now, out var copy).Succeeded);

        Assert.Equal([4], copy!.Targets.Select(t => t.AccountId).ToArray());
        Assert.Equal("Variante", copy.TextFor(PublishingNetwork.Bluesky));
    }
}
