using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Core.Search;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// The department home: the department's messages, newest first, filtered and paged 50 at a time by keyset (id), with
/// counts per status.
/// </summary>
public sealed class IndexModel(PoliceFeedsDbContext db, CurrentUser currentUser, TimeProvider timeProvider, DepartmentSnapshotCache departmentFigures) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public MessageStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CategoryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Only the published missing-person appeals open beyond the department's threshold (the banner's link).</summary>
    [BindProperty(SupportsGet = true)]
    public bool OpenAppeals { get; set; }

    /// <summary>Keyset cursor: show messages with an id below this one.</summary>
    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public Department? Department { get; private set; }

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public IReadOnlyList<MessageRow> Messages { get; private set; } = [];

    public IReadOnlyDictionary<MessageStatus, int> Counts { get; private set; } = new Dictionary<MessageStatus, int>();

    public long? NextCursor { get; private set; }

    public PublishingPauseBanner Banner { get; private set; } = new(false, null, false, null);

    public bool CanDraft { get; private set; }

    /// <summary>Published missing-person appeals open for longer than the department's threshold.</summary>
    public int OpenAppealCount { get; private set; }

    public DateTime Now { get; private set; }

    private int? _missingPersonCategoryId;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = await currentUser.VisibleDepartmentsAsync(cancellationToken);
        if (Departments.Count == 0)
        {
            return Page();
        }

        if (DepartmentId is { } requested)
        {
            Department = Departments.FirstOrDefault(d => d.Id == requested);
            if (Department is null)
            {
                return NotFound();
            }
        }
        else
        {
            Department = Departments[0];
        }

        var departmentId = Department.Id;
        CanDraft = await currentUser.CanDraftForDepartmentAsync(departmentId, cancellationToken);
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        Banner = await PublishingPauseBanner.LoadAsync(db, Department, cancellationToken);


        Now = timeProvider.GetUtcNow().UtcDateTime;
        _missingPersonCategoryId = Categories.FirstOrDefault(c => c.Key == CategoryKeys.MissingPerson)?.Id;
        var openSince = Now.AddDays(-Department.FlagOpenAppealsAfterDays);
        var missingPerson = _missingPersonCategoryId;

        // The counts cover every message of the department: computed by the database, shared by concurrent requests
        // and kept a few seconds at most (any change to the department's messages forgets them at once).
        var figures = await departmentFigures.GetAsync(departmentId, nameof(HomeFigures), async () => new HomeFigures(
            await db.Messages.AsNoTracking()
                .Where(m => m.DepartmentId == departmentId)
                .GroupBy(m => m.Status)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, CancellationToken.None),
            await db.Messages.AsNoTracking()
                .CountAsync(m => m.DepartmentId == departmentId && m.Status == MessageStatus.Published && m.CategoryId == missingPerson
                    && m.FoundAtUtc == null && m.PublishedAtUtc < openSince, CancellationToken.None)));
        Counts = figures.Counts;
        OpenAppealCount = figures.OpenAppeals;

        var query = db.Messages.AsNoTracking().Where(m => m.DepartmentId == departmentId);
        if (Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (CategoryId is { } categoryId)
        {
            query = query.Where(m => m.CategoryId == categoryId);
        }

        if (From is { } from)
        {
            var fromUtc = LocalDayStartUtc(from, Department.TimeZoneId);
            query = query.Where(m => m.CreatedAtUtc >= fromUtc);
        }

        if (To is { } to)
        {
            var toUtc = LocalDayStartUtc(to.AddDays(1), Department.TimeZoneId);
            query = query.Where(m => m.CreatedAtUtc < toUtc);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Case and accents are folded on both sides once (the stored column is kept by Message), so the database
            // compares plain strings and no function runs on each row.
            var text = SearchNormalizer.Normalize(Q.Trim());
            query = query.Where(m => m.SearchText.Contains(text));
        }

        if (OpenAppeals)
        {
            query = query.Where(m => m.Status == MessageStatus.Published && m.CategoryId == missingPerson && m.FoundAtUtc == null && m.PublishedAtUtc < openSince);
        }

        if (After is { } after)
        {
            query = query.Where(m => m.Id < after);
        }

        var rows = await query
            .OrderByDescending(m => m.Id)
            .Take(PageSize + 1)
            .Select(m => new MessageRow(m.Id, m.Text, m.Status, m.CategoryId, m.ScheduleMode, m.DueAtUtc ?? m.ScheduledAtUtc, m.CreatedAtUtc, m.PublishedAtUtc, m.Deliveries.Where(d => d.Status == DeliveryStatus.Failed).Select(d => (DeliveryFailure?)d.Failure).FirstOrDefault(), m.AuthorId, m.FoundAtUtc))
            .ToListAsync(cancellationToken);
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextCursor = rows[^1].Id;
        }

        Messages = rows;
        return Page();
    }

    /// <summary>Days a published appeal has been open, when beyond the department's threshold (flagged on the row).</summary>
    public int? OpenAppealDays(MessageRow row) =>
        row.CategoryId == _missingPersonCategoryId && row.Status == MessageStatus.Published && row.FoundAtUtc is null
            && row.PublishedAtUtc is { } published && (Now - published).TotalDays > Department!.FlagOpenAppealsAfterDays
            ? (int)(Now - published).TotalDays
            : null;

    /// <summary>Whether any filter narrows the list (the folded filters then open).</summary>
    public bool IsFiltered => Status is not null || CategoryId is not null || From is not null || To is not null || !string.IsNullOrWhiteSpace(Q) || OpenAppeals;

    /// <summary>The list's address with the current filters, from the first page or after a cursor.</summary>
    public string ListUrl(long? after = null) =>
        $"/Messages?departmentId={Department?.Id}&status={Status}&categoryId={CategoryId}&from={From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}&to={To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}&q={Uri.EscapeDataString(Q ?? "")}"
        + (OpenAppeals ? "&openAppeals=true" : "") + (after is { } a ? $"&after={a}" : "");

    public string CategoryLabel(int id) => Categories.FirstOrDefault(c => c.Id == id)?.Label ?? "";

    public DateTime Local(DateTime utc) => DepartmentTime.ToLocal(utc, Department?.TimeZoneId ?? "Europe/Paris");

    private static DateTime LocalDayStartUtc(DateOnly day, string timeZoneId)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        var conversion = DepartmentTime.ToUtc(local, timeZoneId);
        return conversion.Utc ?? DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    private sealed record HomeFigures(IReadOnlyDictionary<MessageStatus, int> Counts, int OpenAppeals);

    public sealed record MessageRow(
        long Id,
        string Text,
        MessageStatus Status,
        int CategoryId,
        ScheduleMode ScheduleMode,
        DateTime? DueAtUtc,
        DateTime CreatedAtUtc,
        DateTime? PublishedAtUtc,
        DeliveryFailure? Failure,
        string AuthorId,
        DateTime? FoundAtUtc);
}
