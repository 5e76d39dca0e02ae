using PoliceFeeds.Core.Sessions;

namespace PoliceFeeds.Infrastructure.Security;

/// <summary>The "Sessions" configuration section.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>
    /// How long a session lasts after its sign-in, however busy (a working day by default), on top of the 8-hour idle
    /// limit: <c>Sessions:AbsoluteLifetime</c>, e.g. <c>10:00:00</c>.
    /// </summary>
    public TimeSpan AbsoluteLifetime { get; set; } = SessionPolicy.DefaultAbsoluteLifetime;
}
