namespace PoliceFeeds.Core.Rollout;

/// <summary>The steps that bring a department on board, in the order a national admin usually takes them.</summary>
public enum OnboardingStep
{
    /// <summary>Its X account holds credentials and is connected (not to reconnect, not disconnected).</summary>
    AccountConnected,

    /// <summary>At least one active communications officer is a member.</summary>
    OfficersCreated,

    /// <summary>At least one active validator is a member.</summary>
    ValidatorsCreated,

    /// <summary>A national admin has chosen whether every message needs validation (saved the department's settings).</summary>
    ValidationPolicyChosen,

    /// <summary>The department has at least one template of its own.</summary>
    TemplatesReady,
}

/// <summary>What the database says about one department, gathered for every department at once.</summary>
public sealed record OnboardingFacts(
    bool HasAccount,
    bool AccountConnected,
    bool AccountHasCredentials,
    int ActiveOfficers,
    int ActiveValidators,
    bool ValidationPolicyChosen,
    int Templates);

/// <summary>A department's checklist: each step done or not.</summary>
public sealed class OnboardingChecklist
{
    private OnboardingChecklist(IReadOnlyDictionary<OnboardingStep, bool> steps) => Steps = steps;

    public IReadOnlyDictionary<OnboardingStep, bool> Steps { get; }

    public int Done => Steps.Count(s => s.Value);

    public int Total => Steps.Count;

    public bool IsComplete => Done == Total;

    public IEnumerable<OnboardingStep> Missing => Steps.Where(s => !s.Value).Select(s => s.Key);

    public static OnboardingChecklist For(OnboardingFacts facts) => new(new Dictionary<OnboardingStep, bool>
    {
        [OnboardingStep.AccountConnected] = facts is { HasAccount: true, AccountConnected: true, AccountHasCredentials: true },
        [OnboardingStep.OfficersCreated] = facts.ActiveOfficers > 0,
        [OnboardingStep.ValidatorsCreated] = facts.ActiveValidators > 0,
        [OnboardingStep.ValidationPolicyChosen] = facts.ValidationPolicyChosen,
        [OnboardingStep.TemplatesReady] = facts.Templates > 0,
    });
}

/// <summary>Progress across departments: how many are ready, how many are active, and how many have done each step.</summary>
public sealed record OnboardingProgress(int Departments, int Ready, int Active, int ActiveButNotReady, IReadOnlyDictionary<OnboardingStep, int> StepDone)
{
    public int PercentReady => Departments == 0 ? 0 : (int)Math.Floor(100.0 * Ready / Departments);

    public static OnboardingProgress Across(IReadOnlyCollection<(OnboardingChecklist Checklist, bool IsActive)> departments) => new(
        departments.Count,
        departments.Count(d => d.Checklist.IsComplete),
        departments.Count(d => d.IsActive),
        departments.Count(d => d.IsActive && !d.Checklist.IsComplete),
        Enum.GetValues<OnboardingStep>().ToDictionary(step => step, step => departments.Count(d => d.Checklist.Steps[step])));
}
