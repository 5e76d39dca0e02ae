using System.Security.Claims;
using Serilog;

namespace PoliceFeeds.Web.Startup;

/// <summary>Adds the signed-in user's id (never their e-mail address), and the department when the request names one, to each request's log event.</summary>
public static class RequestLogEnricher
{
    public static void Enrich(IDiagnosticContext diagnosticContext, HttpContext httpContext)
    {
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            // The user id only: the e-mail address (the identity's name) is personal data and stays out of the logs.
            diagnosticContext.Set("UserId", user.FindFirstValue(ClaimTypes.NameIdentifier));
        }

        var department = httpContext.Request.RouteValues.TryGetValue("departmentId", out var routeValue) ? routeValue?.ToString()
            : httpContext.Request.Query["departmentId"].FirstOrDefault();
        if (!string.IsNullOrEmpty(department))
        {
            diagnosticContext.Set("DepartmentId", department);
        }
    }
}
