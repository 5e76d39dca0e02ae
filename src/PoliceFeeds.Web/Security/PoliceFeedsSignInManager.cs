using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Security;

namespace PoliceFeeds.Web.Security;

/// <summary>
/// Identity's sign-in manager, plus: a deactivated user cannot sign in; every sign-in opens a server-side session
/// record named by the cookie (<see cref="UserSessionStore"/>), and signing out ends it. A lockout after failed
/// passwords only stops new sign-ins: open sessions go on.
/// </summary>
public sealed class PoliceFeedsSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    UserSessionStore sessions)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        // A new principal for this browser (sign-in, second factor, enrolment, password change): a new record; the
        // browser's previous one, if any, ends.
        if (CurrentSessionId() is { } previous)
        {
            await sessions.EndAsync(previous, "replaced");
        }

        var sessionId = await sessions.StartAsync(user.Id);
        var claims = additionalClaims.Where(c => c.Type != UserSessionStore.Claim).Append(new Claim(UserSessionStore.Claim, sessionId));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    public override async Task SignOutAsync()
    {
        if (CurrentSessionId() is { } sessionId)
        {
            await sessions.EndAsync(sessionId, "logout");
        }

        await base.SignOutAsync();
    }

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        if (user is { IsActive: false })
        {
            Logger.LogWarning("Session of user {UserId} ended: account deactivated", user.Id);
            return null;
        }

        return user;
    }

    private string? CurrentSessionId() => Context.User.FindFirstValue(UserSessionStore.Claim);
}
