using PoliceFeeds.Core.Messages;

namespace PoliceFeeds.UnitTests.Messages;

public sealed class LivePublishConfirmationTests
{
    [Theory]
    // Submitting "dès que possible" on a live account with no validation: published at once, confirmation required.
    [InlineData(true, false, ScheduleMode.AsSoonAsValidated, true, false, true)]
    // The edit of a scheduled message that stays scheduled, now "dès que possible": published at once as well.
    [InlineData(true, false, ScheduleMode.AsSoonAsValidated, false, true, true)]
    // Training account, validation required, a given time, or a plain draft save: nothing goes out at once.
    [InlineData(false, false, ScheduleMode.AsSoonAsValidated, true, false, false)]
    [InlineData(true, true, ScheduleMode.AsSoonAsValidated, true, false, false)]
    [InlineData(true, true, ScheduleMode.AsSoonAsValidated, false, true, false)]
    [InlineData(true, false, ScheduleMode.At, true, false, false)]
    [InlineData(true, false, ScheduleMode.AsSoonAsValidated, false, false, false)]
    public void Confirmation_is_required_only_when_the_save_publishes_at_once_on_a_live_account(bool live, bool validation, ScheduleMode mode, bool submitting, bool editOfScheduled, bool expected) =>
        Assert.Equal(expected, LivePublishConfirmation.IsRequired(live, validation, mode, submitting, editOfScheduled));
}
