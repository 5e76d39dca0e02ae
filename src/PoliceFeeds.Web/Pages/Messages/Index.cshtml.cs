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
public sealed class IndexModel(PoliceFeedsDbContext db, CurrentUser currentUser, TimeProvider timeProvider, DepartmentSnapshotCache departmentFigures, NationalSettingsCache national) : PageModel
{
    public const int PageSize = MessageListQuery.PageSize;

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

    private TimeZoneInfo? _zone;

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
        _zone = DepartmentTime.FindZone(Department.TimeZoneId);
        CanDraft = await currentUser.CanDraftForDepartmentAsync(departmentId, cancellationToken);
        Categories = await national.CategoriesAsync(db);
        Banner = await PublishingPauseBanner.LoadAsync(national, db, Department);

        Now = timeProvider.GetUtcNow().UtcDateTime;
        _missingPersonCategoryId = Categories.FirstOrDefault(c => c.Key == CategoryKeys.MissingPerson)?.Id;
        var appeals = new OpenAppealsFilter(_missingPersonCategoryId, Now.AddDays(-Department.FlagOpenAppealsAfterDays));

        // The counts cover every message of the department: computed by the database, shared by concurrent requests
        // and kept a few seconds at most (any change to the department's messages forgets them at once).
        var figures = await departmentFigures.GetAsync(departmentId, nameof(HomeFigures), async () => new HomeFigures(
            await MessageListQuery.CountsByStatus(db, departmentId).ToDictionaryAsync(x => x.Status, x => x.Count, CancellationToken.None),
            await MessageListQuery.OpenAppeals(db, departmentId, appeals).CountAsync(CancellationToken.None)));
        Counts = figures.Counts;
        OpenAppealCount = figures.OpenAppeals;

        // A day beyond the supported ones (year 1, year 9999) is brought to the nearest: the range is the same and the
        // day after the last one still exists.
        From = From is { } first ? SupportedDays.Clamp(first) : null;
        To = To is { } last ? SupportedDays.Clamp(last) : null;
        var filter = new MessageListFilter(
            departmentId,
            Status,
            CategoryId,
            From is { } from ? LocalDayStartUtc(from, Department.TimeZoneId) : null,
            To is { } to ? LocalDayStartUtc(to.AddDays(1), Department.TimeZoneId) : null,
            string.IsNullOrWhiteSpace(Q) ? null : SearchNormalizer.Normalize(Q.Trim()),
            OpenAppeals ? appeals : null,
            After);
        var rows = await MessageListQuery.Page(db, filter).ToListAsync(cancellationToken);
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
        Core.Messages.OpenAppeals.DaysOpen(row.CategoryId == _missingPersonCategoryId, row.Status, row.FoundAtUtc, row.PublishedAtUtc, Now, Department!.FlagOpenAppealsAfterDays);

    /// <summary>Whether any filter narrows the list (the folded filters then open).</summary>
    public bool IsFiltered => Status is not null || CategoryId is not null || From is not null || To is not null || !string.IsNullOrWhiteSpace(Q) || OpenAppeals;

    /// <summary>The list's address with the current filters, from the first page or after a cursor.</summary>
    public string ListUrl(long? after = null) =>
        $"/Messages?departmentId={Department?.Id}&status={Status}&categoryId={CategoryId}&from={From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}&to={To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}&q={Uri.EscapeDataString(Q ?? "")}"
        + (OpenAppeals ? "&openAppeals=true" : "") + (after is { } a ? $"&after={a}" : "");

    public string CategoryLabel(int id) => Categories.FirstOrDefault(c => c.Id == id)?.Label ?? "";

    /// <summary>A time of the department, the zone looked up once per page rather than once per row.</summary>
    public DateTime Local(DateTime utc) => DepartmentTime.ToLocal(utc, _zone);

    private static DateTime LocalDayStartUtc(DateOnly day, string timeZoneId)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        var conversion = DepartmentTime.ToUtc(local, timeZoneId);
        return conversion.Utc ?? DateTime.SpecifyKind(local, DateTimeKind.Utc);
    }

    private sealed record HomeFigures(IReadOnlyDictionary<MessageStatus, int> Counts, int OpenAppeals);
}
