using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PoliceFeeds.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string? RequestId { get; set; }

    public int? StatusCodeValue { get; set; }

    /// <summary>The request failed because the database did not answer: nothing was lost, the person can try again.</summary>
    public bool DatabaseUnavailable { get; private set; }

    public void OnGet(int? statusCode)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        // Re-executed by the exception handler, the status is the one it chose (400 for a request the server could not
        // read, such as a form holding a NUL character).
        StatusCodeValue = statusCode ?? (Response.StatusCode >= 400 ? Response.StatusCode : null);
        var error = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        if (IsDatabaseFailure(error))
        {
            DatabaseUnavailable = true;
            StatusCodeValue = StatusCodes.Status503ServiceUnavailable;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "30";
        }
    }

    private static bool IsDatabaseFailure(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    public void OnPost(int? statusCode) => OnGet(statusCode);
}
