using PoliceFeeds.Core.Rollout;

namespace PoliceFeeds.UnitTests.Rollout;

public sealed class OnboardingChecklistTests
{
    private static readonly OnboardingFacts Ready = new(HasAccount: true, AccountConnected: true, AccountHasCredentials: true, ActiveOfficers: 2, ActiveValidators: 1, ValidationPolicyChosen: true, Templates: 3);

    [Fact]
    public void A_department_with_everything_done_is_complete()
    {
        var checklist = OnboardingChecklist.For(Ready);
        Assert.True(checklist.IsComplete);
        Assert.Equal(5, checklist.Done);
        Assert.Empty(checklist.Missing);
    }

    [Fact]
    public void A_new_department_has_everything_to_do()
    {
        var checklist = OnboardingChecklist.For(new OnboardingFacts(false, false, false, 0, 0, false, 0));
        Assert.Equal(0, checklist.Done);
        Assert.Equal(Enum.GetValues<OnboardingStep>(), checklist.Missing);
    }

    public static TheoryData<OnboardingFacts, OnboardingStep> OneStepMissing => new()
    {
        { Ready with { HasAccount = false }, OnboardingStep.AccountConnected },
        { Ready with { AccountConnected = false }, OnboardingStep.AccountConnected },
        { Ready with { AccountHasCredentials = false }, OnboardingStep.AccountConnected },
        { Ready with { ActiveOfficers = 0 }, OnboardingStep.OfficersCreated },
        { Ready with { ActiveValidators = 0 }, OnboardingStep.ValidatorsCreated },
        { Ready with { ValidationPolicyChosen = false }, OnboardingStep.ValidationPolicyChosen },
        { Ready with { Templates = 0 }, OnboardingStep.TemplatesReady },
    };

    [Theory]
    [MemberData(nameof(OneStepMissing))]
    public void Each_step_depends_on_its_own_fact(OnboardingFacts facts, OnboardingStep missing)
    {
        var checklist = OnboardingChecklist.For(facts);
        Assert.False(checklist.IsComplete);
        Assert.Equal([missing], checklist.Missing);
    }

    [Fact]
    public void Progress_counts_ready_active_and_each_step_across_departments()
    {
        var progress = OnboardingProgress.Across(
        [
            (OnboardingChecklist.For(Ready), true),
            (OnboardingChecklist.For(Ready with { Templates = 0 }), true),
            (OnboardingChecklist.For(Ready), false),
            (OnboardingChecklist.For(new OnboardingFacts(false, false, false, 0, 0, false, 0)), false),
        ]);

        Assert.Equal(4, progress.Departments);
        Assert.Equal(2, progress.Ready);
        Assert.Equal(2, progress.Active);
        Assert.Equal(1, progress.ActiveButNotReady);
        Assert.Equal(50, progress.PercentReady);
        Assert.Equal(2, progress.StepDone[OnboardingStep.TemplatesReady]);
        Assert.Equal(3, progress.StepDone[OnboardingStep.OfficersCreated]);
    }
}
