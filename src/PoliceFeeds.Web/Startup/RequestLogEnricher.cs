using System.Security.Claims;
using Serilog;

namespace PoliceFeeds.Web.Startup;

/// <summary>Adds the signed-in user, and the department when the request names one, to each request's log event.</summary>
public static class RequestLogEnricher
{
    public static void Enrich(IDiagnosticContext diagnosticContext, HttpContext httpContext)
    {
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            diagnosticContext.Set("UserId", user.FindFirstValue(ClaimTypes.NameIdentifier));
            diagnosticContext.Set("UserName", user.Identity.Name);
        }

        var department = httpContext.Request.RouteValues.TryGetValue("departmentId", out var routeValue) ? routeValue?.ToString()
            : httpContext.Request.Query["departmentId"].FirstOrDefault();
        if (!string.IsNullOrEmpty(department))
        {
            diagnosticContext.Set("DepartmentId", department);
        }
    }
}
