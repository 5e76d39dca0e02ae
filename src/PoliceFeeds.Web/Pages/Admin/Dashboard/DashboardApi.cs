using System.ComponentModel;
using PoliceFeeds.Core.Rollout;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Dashboard;

/// <summary>
/// <c>GET /api/admin/dashboard</c>: the national dashboard's figures as JSON for monitoring, for a national admin signed in
/// with two factors (401 without a session, 403 for anyone else or before the temporary password is changed). Described
/// by the OpenAPI document <c>/openapi/monitoring.json</c> (this endpoint only).
/// </summary>
public static class DashboardApi
{
    public const string Path = "/api/admin/dashboard";

    public const string DocumentName = "monitoring";

    public static IServiceCollection AddPoliceFeedsMonitoringOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options => options.ShouldInclude = description => description.GroupName == DocumentName);

    public static void MapPoliceFeedsMonitoring(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        endpoints.MapGet(Path, GetAsync)
            .WithGroupName(DocumentName)
            .WithName("NationalDashboard")
            .WithSummary("Figures of the national dashboard, per active department")
            .WithDescription("Today and this week are counted in each department's own time zone. National admins signed in with two factors only.")
            .Produces<DashboardJson>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AllowAnonymous();
    }

    private static async Task<IResult> GetAsync(HttpContext http, PoliceFeedsDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required");
        }

        if (!user.IsInRole(Roles.NationalAdmin)
            || !user.HasClaim(AdminTwoFactorFilter.AmrClaim, AdminTwoFactorFilter.AmrMultiFactor)
            || user.HasClaim(MustChangePasswordFilter.Claim, "true"))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "National administrators signed in with two factors only");
        }

        http.Response.Headers.CacheControl = "no-store";
        var snapshot = await DashboardQuery.LoadAsync(db, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return Results.Ok(DashboardJson.From(snapshot));
    }
}

/// <summary>The monitoring document.</summary>
public sealed record DashboardJson(
    [property: Description("When the figures were read (UTC).")] DateTime GeneratedAtUtc,
    [property: Description("Whether the national switch holds every publication.")] bool NationalPublishingPaused,
    [property: Description("One entry per active department, by code.")] IReadOnlyList<DashboardDepartmentJson> Departments)
{
    public static DashboardJson From(DashboardSnapshot snapshot) => new(
        snapshot.AtUtc,
        snapshot.NationalPaused,
        snapshot.Rows.Select(r => new DashboardDepartmentJson(
            r.Department.Code,
            r.Department.Name,
            r.Department.ServiceName,
            r.Department.TimeZoneId,
            r.Periods.TodayStartUtc,
            r.Periods.WeekStartUtc,
            new DayAndWeekJson(r.Posted.Today, r.Posted.ThisWeek),
            new DayAndWeekJson(r.Failed.Today, r.Failed.ThisWeek),
            r.AwaitingValidation,
            r.Department.Paused,
            r.Department.AccountToReconnect,
            r.TakedownsInProgress)).ToList());
}

public sealed record DashboardDepartmentJson(
    [property: Description("Department code (01–95, 2A, 2B, 971–978, 987, 988).")] string Code,
    string Name,
    [property: Description("The directorate's name as shown, e.g. \"DIPN 44\".")] string ServiceName,
    [property: Description("IANA time zone in which today and this week are counted.")] string TimeZone,
    [property: Description("Start of the department's day (UTC).")] DateTime TodayStartUtc,
    [property: Description("Start of the department's week, Monday 00:00 local (UTC).")] DateTime WeekStartUtc,
    [property: Description("Posts that went out (live and training timeline).")] DayAndWeekJson Posted,
    [property: Description("Deliveries that failed.")] DayAndWeekJson Failed,
    [property: Description("Messages waiting for a validator now.")] int AwaitingValidation,
    [property: Description("Whether the department's publishing is paused.")] bool Paused,
    [property: Description("Whether its X account must be reconnected.")] bool AccountToReconnect,
    [property: Description("Takedowns under way: withdrawal requested or in progress, or a check that deletes the post if found.")] int TakedownsInProgress);

public sealed record DayAndWeekJson(int Today, int ThisWeek);
