using System.Globalization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>
/// What every network's account page does to an account, and audits the same way: switch it between the training
/// timeline and the real account, disconnect it (credentials wiped, back to training). The caller saves.
/// </summary>
public static class AccountChanges
{
    /// <summary>Whether <paramref name="account"/> can publish for real: connected, with credentials.</summary>
    public static bool CanGoLive(PublishingAccount account) =>
        account.State == AccountState.Connected && account.ProtectedCredentials is not null;

    public static void SetMode(PoliceFeedsDbContext db, CurrentUser user, DateTime nowUtc, PublishingAccount tracked, AccountMode mode, string details)
    {
        tracked.Mode = mode;
        AdminAudit.Add(db, user, nowUtc, "account.mode_changed", "PublishingAccount", tracked.Id.ToString(CultureInfo.InvariantCulture), tracked.DepartmentId, details);
    }

    /// <param name="forgetRemoteUser">X: the remote account is then free to be connected to another department.</param>
    public static void Disconnect(PoliceFeedsDbContext db, CurrentUser user, DateTime nowUtc, PublishingAccount tracked, string? details, bool forgetRemoteUser = false)
    {
        tracked.ProtectedCredentials = null;
        tracked.AuthKind = AccountAuthKind.None;
        tracked.State = AccountState.Disconnected;
        tracked.Mode = AccountMode.Sandbox;
        if (forgetRemoteUser)
        {
            tracked.RemoteUserId = null;
        }

        AdminAudit.Add(db, user, nowUtc, "account.disconnected", "PublishingAccount", tracked.Id.ToString(CultureInfo.InvariantCulture), tracked.DepartmentId, details);
    }
}
