using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Security;

/// <summary>
/// Identity's sign-in manager, plus: a deactivated user cannot sign in, and an open session of a deactivated or locked
/// user is refused at the next security stamp validation (every 5 minutes at most).
/// </summary>
public sealed class PoliceFeedsSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        if (user is null)
        {
            return null;
        }

        if (!user.IsActive || await UserManager.IsLockedOutAsync(user))
        {
            Logger.LogWarning("Session of user {UserId} ended: account deactivated or locked", user.Id);
            return null;
        }

        return user;
    }
}
