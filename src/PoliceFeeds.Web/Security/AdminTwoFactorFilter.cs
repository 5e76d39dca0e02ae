using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Security;

/// <summary>
/// National admins must use two-factor authentication: without a session signed in with two factors (claim
/// <c>amr=mfa</c>), every page but signing in, enrolment, the password change, signing out, the error page and the legal
/// pages sends them to the authenticator enrolment. A national admin reads every department (messages, photos,
/// calendar, training timeline, report, national templates), not only <c>/Admin</c>; <see cref="CurrentUser"/> also
/// grants that cross-department read only to a two-factor session.
/// </summary>
public sealed class AdminTwoFactorFilter : IAsyncPageFilter
{
    /// <summary>The claim a session signed in with two factors carries.</summary>
    public const string AmrClaim = "amr";

    public const string AmrMultiFactor = "mfa";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.IsInRole(Roles.NationalAdmin)
            && !http.User.HasClaim(AmrClaim, AmrMultiFactor)
            && !IsOpenWithoutSecondFactor(http.Request.Path))
        {
            context.Result = new RedirectResult("/Account/EnableAuthenticator");
            return;
        }

        await next();
    }

    private static bool IsOpenWithoutSecondFactor(PathString path) =>
        path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Error", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Legal", StringComparison.OrdinalIgnoreCase);
}
