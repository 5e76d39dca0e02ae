using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PoliceFeeds.Infrastructure.Security;

namespace PoliceFeeds.Web.Security;

/// <summary>
/// Ties the authentication cookie to its server-side session record: checked on every request before the security
/// stamp validation, and carried (with the two-factor claim) when that validation rebuilds the principal.
/// </summary>
public static class ServerSessions
{
    /// <summary>Claims the security stamp validator must keep when it rebuilds the principal every 5 minutes.</summary>
    public static readonly IReadOnlyList<string> CarriedClaims = [UserSessionStore.Claim, "amr"];

    public static void Configure(CookieAuthenticationOptions options)
    {
        var stampValidation = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            if (await IsLiveAsync(context))
            {
                await stampValidation(context);
                return;
            }

            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        };
    }

    /// <summary><c>SecurityStampValidatorOptions.OnRefreshingPrincipal</c>: the session id and <c>amr=mfa</c> survive.</summary>
    public static Task CarryClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is not ClaimsIdentity identity || context.CurrentPrincipal is null)
        {
            return Task.CompletedTask;
        }

        foreach (var type in CarriedClaims)
        {
            if (!identity.HasClaim(c => c.Type == type))
            {
                foreach (var claim in context.CurrentPrincipal.FindAll(type))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> IsLiveAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirstValue(UserSessionStore.Claim);
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (sessionId is null || userId is null)
        {
            return false;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<UserSessionStore>();
        return await store.IsLiveAsync(sessionId, userId, context.HttpContext.RequestAborted);
    }
}
