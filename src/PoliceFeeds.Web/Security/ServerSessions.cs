using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using PoliceFeeds.Infrastructure.Security;

namespace PoliceFeeds.Web.Security;

/// <summary>
/// Ties the authentication cookie to its server-side session record: checked on every request, and carried (with the
/// two-factor claim) when the security stamp validation rebuilds the principal.
/// </summary>
public static class ServerSessions
{
    /// <summary>Claims the security stamp validator must keep when it rebuilds the principal every 5 minutes.</summary>
    public static readonly IReadOnlyList<string> CarriedClaims = [UserSessionStore.Claim, "amr"];

    /// <summary>
    /// Right after authentication, before authorization: a cookie whose session record has ended (or whose user was
    /// deactivated) is signed out and the request goes on anonymous. A middleware rather than a cookie event, so that a
    /// database error propagates as itself (the French 503 page) instead of being cached by the authentication handler
    /// and thrown again while the error page renders.
    /// </summary>
    public static IApplicationBuilder UseServerSessions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // The error page re-executed after an exception (the database down, maybe in this very check) shows no data.
        if (context.User.Identity?.IsAuthenticated == true
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null
            && !await IsLiveAsync(context))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    });

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

    private static async Task<bool> IsLiveAsync(HttpContext context)
    {
        var sessionId = context.User.FindFirstValue(UserSessionStore.Claim);
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (sessionId is null || userId is null)
        {
            return false;
        }

        var store = context.RequestServices.GetRequiredService<UserSessionStore>();
        return await store.IsLiveAsync(sessionId, userId, context.RequestAborted);
    }
}
