using PoliceFeeds.Core.Campaigns;
using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.UnitTests.Campaigns;

public sealed class CampaignRelayTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    private static Campaign Campaign() => new()
    {
        Id = 7,
        Title = "Opération tranquillité vacances",
        Text = "Partez l'esprit tranquille.",
        CategoryId = 1,
        StartsOn = new DateOnly(2026, 12, 10),
        EndsOn = new DateOnly(2026, 12, 31),
        CreatedById = "admin",
    };

    [Theory]
    [InlineData(false, MessageStatus.Draft, false, CampaignRelayStatus.ToAdapt)]
    [InlineData(false, MessageStatus.Draft, true, CampaignRelayStatus.Adopted)]
    [InlineData(false, MessageStatus.Rejected, true, CampaignRelayStatus.Adopted)]
    [InlineData(false, MessageStatus.Submitted, true, CampaignRelayStatus.AwaitingValidation)]
    [InlineData(false, MessageStatus.Approved, true, CampaignRelayStatus.Scheduled)]
    [InlineData(false, MessageStatus.Publishing, true, CampaignRelayStatus.Scheduled)]
    [InlineData(false, MessageStatus.Published, true, CampaignRelayStatus.Published)]
    [InlineData(false, MessageStatus.Withdrawn, true, CampaignRelayStatus.Published)]
    [InlineData(false, MessageStatus.Cancelled, false, CampaignRelayStatus.Stopped)]
    [InlineData(false, MessageStatus.Failed, true, CampaignRelayStatus.Stopped)]
    [InlineData(true, MessageStatus.Cancelled, false, CampaignRelayStatus.Declined)]
    public void A_department_status_comes_from_its_draft_or_its_decline(bool declined, MessageStatus status, bool edited, CampaignRelayStatus expected) =>
        Assert.Equal(expected, CampaignRelay.StatusOf(declined, status, edited));

    [Fact]
    public void A_campaign_draft_is_a_draft_of_the_department_linked_to_the_campaign_and_audited()
    {
        var draft = Message.CreateCampaignDraft(Campaign(), departmentId: 3, "admin", Now);

        Assert.Equal((3, 1, 7, MessageStatus.Draft), (draft.DepartmentId, draft.CategoryId, draft.CampaignId, draft.Status));
        Assert.Equal("Partez l'esprit tranquille.", draft.Text);
        var change = Assert.Single(draft.PendingChanges);
        Assert.Equal("message.campaign_draft", change.Action);
        Assert.Contains("Opération tranquillité vacances", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Declining_needs_a_reason_and_cancels_the_draft()
    {
        var draft = Message.CreateCampaignDraft(Campaign(), 3, "admin", Now);
        var target = new CampaignDepartment { CampaignId = 7, DepartmentId = 3 };

        Assert.Equal(LifecycleError.ReasonRequired, target.Decline(draft, "officer", "  ", Now).Error);
        Assert.Equal(MessageStatus.Draft, draft.Status);

        Assert.True(target.Decline(draft, "officer", " Déjà relayé localement ", Now).Succeeded);
        Assert.Equal(MessageStatus.Cancelled, draft.Status);
        Assert.Equal(("Déjà relayé localement", "officer"), (target.DeclineReason, target.DeclinedById));
        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, target.Decline(draft, "officer", "encore", Now).Error);
    }

    [Fact]
    public void A_published_relay_cannot_be_declined()
    {
        var draft = Message.CreateCampaignDraft(Campaign(), 3, "admin", Now);
        draft.Status = MessageStatus.Published;
        var target = new CampaignDepartment { CampaignId = 7, DepartmentId = 3 };

        Assert.Equal(LifecycleError.NotAllowedInCurrentStatus, target.Decline(draft, "officer", "trop tard", Now).Error);
        Assert.False(target.IsDeclined);
    }
}
