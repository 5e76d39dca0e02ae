using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Calendar;

/// <summary>
/// The calendar (<c>/Calendar?view=week|month&amp;date=yyyy-MM-dd&amp;departmentId=N</c>) of scheduled and published
/// messages, each at its local time in its department's zone. Members see their departments; a national admin sees
/// every department and may filter by one.
/// </summary>
public sealed class IndexModel(PoliceFeedsDbContext db, CurrentUser currentUser, TimeProvider timeProvider) : PageModel
{
    public const int MaxEntries = 2000;

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    public bool IsMonth => View == "month";

    public CalendarRange Range { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public ILookup<DateOnly, Entry> EntriesByDay { get; private set; } = Array.Empty<Entry>().ToLookup(e => DateOnly.MinValue);

    public int EntryCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = await currentUser.VisibleDepartmentsAsync(cancellationToken);
        if (DepartmentId is { } requested && Departments.All(d => d.Id != requested))
        {
            return NotFound();
        }

        var shown = DepartmentId is { } one ? Departments.Where(d => d.Id == one).ToList() : Departments.ToList();
        var zone = shown.FirstOrDefault()?.TimeZoneId ?? "Europe/Paris";
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Today = DateOnly.FromDateTime(DepartmentTime.ToLocal(now, zone));
        var day = Date ?? Today;
        Range = IsMonth ? CalendarRange.Month(day) : CalendarRange.Week(day);
        var (fromUtc, toUtc) = Range.UtcWindow();
        var ids = shown.Select(d => d.Id).ToList();
        var rows = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.DepartmentId)
                && (((m.Status == MessageStatus.Approved || m.Status == MessageStatus.Publishing) && m.DueAtUtc >= fromUtc && m.DueAtUtc < toUtc)
                    || (m.Status == MessageStatus.Published && m.PublishedAtUtc >= fromUtc && m.PublishedAtUtc < toUtc)))
            .OrderBy(m => m.Id)
            .Take(MaxEntries)
            .Select(m => new { m.Id, m.DepartmentId, m.CategoryId, m.Text, m.Status, At = m.Status == MessageStatus.Published ? m.PublishedAtUtc!.Value : m.DueAtUtc!.Value })
            .ToListAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Label, cancellationToken);
        var byId = shown.ToDictionary(d => d.Id);
        var entries = rows.Select(r =>
        {
            var department = byId[r.DepartmentId];
            var local = DepartmentTime.ToLocal(r.At, department.TimeZoneId);
            return new Entry(r.Id, department.Code, department.TimeZoneId, categories.GetValueOrDefault(r.CategoryId, ""), r.Text, r.Status == MessageStatus.Published, local);
        }).Where(e => DateOnly.FromDateTime(e.Local) >= Range.FirstDay && DateOnly.FromDateTime(e.Local) <= Range.LastDay).OrderBy(e => e.Local).ToList();
        EntryCount = entries.Count;
        EntriesByDay = entries.ToLookup(e => DateOnly.FromDateTime(e.Local));
        return Page();
    }

    /// <summary>The calendar's address for a view and a day; without a day, today's when the link is followed.</summary>
    public string Link(string view, DateOnly? date) =>
        $"/Calendar?view={view}"
        + (date is { } day ? "&date=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")
        + (DepartmentId is { } d ? $"&departmentId={d}" : "");

    public sealed record Entry(long Id, string DepartmentCode, string TimeZoneId, string Category, string Text, bool Published, DateTime Local);
}
