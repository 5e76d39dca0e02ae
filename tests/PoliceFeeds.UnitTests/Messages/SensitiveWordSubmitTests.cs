using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.UnitTests.Messages;

public sealed class SensitiveWordSubmitTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_sensitive_word_sends_the_message_to_validation_keeps_the_words_and_names_them_in_the_audit()
    {
        var message = Message.CreateDraft(1, 1, "Une arme et de la drogue", "officer", Now);

        message.Submit("officer", ValidationPolicy.Decide(false, false, ["arme", "drogue"]), Now);

        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Equal(["arme", "drogue"], message.SensitiveWords);
        Assert.Equal("mots sensibles : arme, drogue", Assert.Single(message.PendingChanges).Reason);
    }

    [Fact]
    public void Without_any_reason_the_message_is_scheduled_and_keeps_no_word()
    {
        var message = Message.CreateDraft(1, 1, "Bonne journée", "officer", Now);
        message.SensitiveWordsFound = "ancien";

        message.Submit("officer", ValidationPolicy.Decide(false, false, []), Now);

        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.Empty(message.SensitiveWords);
        Assert.Null(Assert.Single(message.PendingChanges).Reason);
    }

    [Fact]
    public void An_edit_of_a_scheduled_message_that_adds_a_sensitive_word_goes_back_to_validation()
    {
        var message = Message.CreateDraft(1, 1, "Bonne journée", "officer", Now);
        message.Submit("officer", ValidationPolicy.Decide(false, false, []), Now);
        message.ClearPendingChanges();

        message.Edit("officer", ValidationPolicy.Decide(false, false, ["arme"]), Now);

        Assert.Equal(MessageStatus.Submitted, message.Status);
        Assert.Equal(["arme"], message.SensitiveWords);
        Assert.Contains("mots sensibles : arme", Assert.Single(message.PendingChanges).Reason, StringComparison.Ordinal);
    }
}
