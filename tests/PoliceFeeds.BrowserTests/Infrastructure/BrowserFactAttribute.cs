namespace PoliceFeeds.BrowserTests.Infrastructure;

/// <summary>
/// A browser test: skipped, with one short reason, when no browser could be found or installed. The one test that then
/// fails, with what to install, is <see cref="BrowserAvailabilityTests"/>: a run without a browser says it once instead
/// of failing every browser test with the same stack trace.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserProvisioning.Location.Available)
        {
            Skip = BrowserAvailabilityTests.SkipReason;
        }
    }
}

/// <summary>A browser theory, skipped as <see cref="BrowserFactAttribute"/> when there is no browser.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!BrowserProvisioning.Location.Available)
        {
            Skip = BrowserAvailabilityTests.SkipReason;
        }
    }
}

/// <summary>Fails, once, with what to install when the browser tests have no browser.</summary>
public sealed class BrowserAvailabilityTests
{
    public const string SkipReason = "no browser: see BrowserAvailabilityTests.A_browser_is_available_for_the_browser_tests";

    [Fact]
    public void A_browser_is_available_for_the_browser_tests() =>
        Assert.True(BrowserProvisioning.Location.Available, BrowserProvisioning.Location.Description);
}
