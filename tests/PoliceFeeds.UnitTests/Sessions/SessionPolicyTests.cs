using PoliceFeeds.Core.Sessions;

namespace PoliceFeeds.UnitTests.Sessions;

public sealed class SessionPolicyTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_open_recent_session_is_live() => Assert.True(SessionPolicy.IsLive(Now.AddHours(-7), null, Now));

    [Fact]
    public void An_ended_session_is_not_live_even_a_second_later() => Assert.False(SessionPolicy.IsLive(Now, Now.AddSeconds(-1), Now));

    [Fact]
    public void A_session_idle_for_the_cookie_lifetime_is_not_live() => Assert.False(SessionPolicy.IsLive(Now - SessionPolicy.IdleTimeout, null, Now));

    [Fact]
    public void A_busy_session_ends_at_its_absolute_lifetime()
    {
        var signedIn = Now - SessionPolicy.DefaultAbsoluteLifetime;
        Assert.True(SessionPolicy.IsLive(signedIn.AddSeconds(1), Now.AddMinutes(-1), null, Now, SessionPolicy.DefaultAbsoluteLifetime));
        Assert.False(SessionPolicy.IsLive(signedIn, Now.AddMinutes(-1), null, Now, SessionPolicy.DefaultAbsoluteLifetime));
        Assert.False(SessionPolicy.IsLive(Now.AddHours(-3), Now.AddMinutes(-1), null, Now, TimeSpan.FromHours(3)));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(60, true)]
    public void Last_seen_is_written_at_most_every_ten_minutes(int minutesAgo, bool touch) =>
        Assert.Equal(touch, SessionPolicy.ShouldTouch(Now.AddMinutes(-minutesAgo), Now));

    [Fact]
    public void Records_are_purged_a_week_after_they_ended_or_went_idle()
    {
        Assert.False(SessionPolicy.CanPurge(Now.AddDays(-30), Now.AddDays(-6), Now));
        Assert.True(SessionPolicy.CanPurge(Now.AddDays(-30), Now.AddDays(-8), Now));
        Assert.False(SessionPolicy.CanPurge(Now.AddDays(-6), null, Now));
        Assert.True(SessionPolicy.CanPurge(Now.AddDays(-8), null, Now));
    }
}
