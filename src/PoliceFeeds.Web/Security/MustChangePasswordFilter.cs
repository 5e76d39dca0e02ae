using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PoliceFeeds.Web.Security;

/// <summary>A user given a temporary password reaches no page but the password change until they have chosen their own.</summary>
public sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    public const string Claim = "policefeeds:must_change_password";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var path = context.HttpContext.Request.Path;
        if (context.HttpContext.User.HasClaim(Claim, "true") && !path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult("/Account/ChangePassword");
            return;
        }

        await next();
    }
}
