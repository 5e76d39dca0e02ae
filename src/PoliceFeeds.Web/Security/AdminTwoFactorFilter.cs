using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PoliceFeeds.Infrastructure.Identity;

namespace PoliceFeeds.Web.Security;

/// <summary>
/// National admins must use two-factor authentication: without a session signed in with two factors (claim
/// <c>amr=mfa</c>), an admin page sends them to the authenticator enrolment.
/// </summary>
public sealed class AdminTwoFactorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Path.StartsWithSegments("/Admin", StringComparison.OrdinalIgnoreCase)
            && http.User.IsInRole(Roles.NationalAdmin)
            && !http.User.HasClaim("amr", "mfa"))
        {
            context.Result = new RedirectResult("/Account/EnableAuthenticator");
            return;
        }

        await next();
    }
}
