using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using PoliceFeeds.Core.Archives;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Admin;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Archives;

/// <summary>
/// The archive of what a department published over a period (a public record): a ZIP streamed to the browser with a
/// manifest (JSON and CSV), the photos and a LISEZMOI. National admins choose any department, validators their own;
/// anyone else is refused (403). A bad period is explained in French and nothing is exported; every export is audited.
/// </summary>
public sealed class IndexModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    ArchiveWriter writer,
    ArchiveQuery query,
    IStringLocalizer<ArchivesText> text,
    TimeProvider timeProvider) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "departmentId")]
    public string? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public bool MayExport => currentUser.IsNationalAdmin || currentUser.IsValidator;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!MayExport)
        {
            return Forbid();
        }

        Departments = await currentUser.VisibleDepartmentsAsync(cancellationToken);
        DepartmentId ??= Departments.Count == 1 ? Departments[0].Id.ToString(CultureInfo.InvariantCulture) : null;
        if (From is null && To is null)
        {
            // The last full quarter, Paris time.
            var today = DateOnly.FromDateTime(DepartmentTime.ToLocal(timeProvider.GetUtcNow().UtcDateTime, "Europe/Paris"));
            var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
            From = quarterStart.AddMonths(-3).ToString(ArchivePeriod.DayFormat, CultureInfo.InvariantCulture);
            To = quarterStart.AddDays(-1).ToString(ArchivePeriod.DayFormat, CultureInfo.InvariantCulture);
        }

        return Page();
    }

    /// <summary>Streams <c>archive-{code}-{from}-{to}.zip</c>; the page again (HTTP 400) with the errors when a field is wrong.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        if (!MayExport)
        {
            return Forbid();
        }

        Departments = await currentUser.VisibleDepartmentsAsync(cancellationToken);
        if (!int.TryParse(DepartmentId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var departmentId))
        {
            return Invalid(nameof(DepartmentId), text["Validation.DepartmentRequired"]);
        }

        if (Departments.FirstOrDefault(d => d.Id == departmentId) is not { } department)
        {
            // Another department's archive (or one that does not exist): refused, as any of its pages.
            return Forbid();
        }

        var parsed = ArchivePeriod.Parse(From, To, department.TimeZoneId);
        if (parsed.Period is not { } period)
        {
            return Invalid(parsed.Error is ArchivePeriodError.MissingFrom or ArchivePeriodError.InvalidFrom ? nameof(From) : nameof(To), PeriodError(parsed.Error));
        }

        var nowUtc = timeProvider.GetUtcNow().UtcDateTime;
        var endUtc = period.EndUtc(nowUtc);
        var zone = DepartmentTime.FindZone(department.TimeZoneId);
        var counts = await query.CountAsync(department.Id, period.FromUtc, endUtc, cancellationToken);
        var manifest = new ArchiveManifest(
            ArchiveRules.ManifestVersion,
            nowUtc,
            currentUser.Name ?? currentUser.Id,
            new ArchiveDepartment(department.Code, department.Name, department.ServiceName, department.TimeZoneId),
            new ArchivePeriodInfo(Day(period.From), Day(period.To), department.TimeZoneId, period.FromUtc, endUtc),
            ArchiveScope.Text,
            ArchiveScope.RedactionNote,
            counts);

        AdminAudit.Add(db, currentUser, nowUtc, "archive.exported", "Department", department.Id.ToString(CultureInfo.InvariantCulture), department.Id,
            $"{Day(period.From)}..{Day(period.To)} ({department.TimeZoneId}) : {counts.Posts} publications, {counts.Photos} photos");
        await db.SaveChangesAsync(cancellationToken);

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(period.FileName(department.Code));
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = disposition.ToString();
        await writer.WriteAsync(Response.Body, new ArchiveRequest(department.Id, period.FromUtc, endUtc, zone, manifest), cancellationToken);
        return new EmptyResult();
    }

    private static string Day(DateOnly day) => day.ToString(ArchivePeriod.DayFormat, CultureInfo.InvariantCulture);

    private string PeriodError(ArchivePeriodError error) => error switch
    {
        ArchivePeriodError.MissingFrom => text["Validation.FromRequired"],
        ArchivePeriodError.MissingTo => text["Validation.ToRequired"],
        ArchivePeriodError.InvalidFrom or ArchivePeriodError.InvalidTo => text["Validation.InvalidDay"],
        ArchivePeriodError.ToBeforeFrom => text["Validation.ToBeforeFrom"],
        ArchivePeriodError.TooLong => string.Format(CultureInfo.CurrentCulture, text["Validation.TooLong"], ArchivePeriod.MaxDays),
        _ => text["Validation.UnknownTimeZone"],
    };

    private PageResult Invalid(string field, string message)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
