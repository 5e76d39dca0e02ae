using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PoliceFeeds.Web.RequestSafety;

/// <summary>
/// A POST (or any method but GET and HEAD) that matches no handler of its page answers 404. Without it, Razor Pages
/// renders the page without running any handler (a POST with no <c>?handler=</c>, or an unknown one, on a page whose
/// handlers are all named), and the page, never loaded, fails with a NullReferenceException: a 500.
/// Registered globally, so every page, present and future, is covered.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
