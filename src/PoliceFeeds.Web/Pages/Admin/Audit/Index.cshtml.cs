using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PoliceFeeds.Core.Audit;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Web.Pages.Admin.Audit;

/// <summary>The append-only audit trail: filtered, keyset paged, exported to CSV. There is no update or delete path.</summary>
public sealed class IndexModel(PoliceFeedsDbContext db, IStringLocalizer<AdminText> text, TimeProvider timeProvider, IOptions<AuditExportOptions> exportOptions) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();

    public long? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ClampDates();
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
        Actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        var query = Filtered();
        if (Before is { } before)
        {
            query = query.Where(a => a.Id < before);
        }

        var entries = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (entries.Count > PageSize)
        {
            entries.RemoveAt(PageSize);
            NextCursor = entries[^1].Id;
        }

        Entries = entries;
        UserNames = await NamesAsync(entries, cancellationToken);
    }

    /// <summary>
    /// CSV of every filtered entry (UTF-8 with BOM so that spreadsheet software reads the accents), streamed to the
    /// response in keyset pages of <see cref="AuditExportOptions.PageSize"/> entries by increasing id: no cap, and the
    /// memory held is one page (plus the names of the actors met), whatever the number of rows.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        ClampDates();
        var pageSize = Math.Max(1, exportOptions.Value.PageSize);
        var codes = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
        var names = new Dictionary<string, string>();
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"journal-policefeeds-{timeProvider.GetUtcNow().UtcDateTime:yyyyMMdd-HHmm}.csv");
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = disposition.ToString();

        // Semicolons for French spreadsheet software, a byte order mark for the accents, formula injection escaped.
        var options = new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using (var csv = CsvWriter.Create(Response.Body, options, leaveOpen: true))
        {
            await csv.WriteRecordAsync(new[] { "Column.Id", "Column.At", "Column.Actor", "Column.Action", "Column.Entity", "Column.EntityId", "Column.Department", "Column.From", "Column.To", "Column.Details" }
                .Select(h => (string)text[h]).ToArray(), cancellationToken);
            long after = 0;
            while (true)
            {
                var page = await Filtered().Where(a => a.Id > after).OrderBy(a => a.Id).Take(pageSize).ToListAsync(cancellationToken);
                foreach (var (id, name) in await NamesAsync(page.Where(e => !names.ContainsKey(e.ActorId)), cancellationToken))
                {
                    names[id] = name;
                }

                foreach (var entry in page)
                {
                    await csv.WriteRecordAsync(
                    [
                        entry.Id.ToString(CultureInfo.InvariantCulture),
                        entry.AtUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        names.GetValueOrDefault(entry.ActorId) ?? entry.ActorName ?? entry.ActorId,
                        entry.Action,
                        entry.EntityType,
                        entry.EntityId,
                        entry.DepartmentId is { } d ? codes.GetValueOrDefault(d) ?? "" : "",
                        entry.FromStatus ?? "",
                        entry.ToStatus ?? "",
                        entry.Details ?? "",
                    ], cancellationToken);
                }

                await csv.FlushAsync(cancellationToken);
                if (page.Count < pageSize)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        return new EmptyResult();
    }

    /// <summary>Days beyond the supported ones (year 1, year 9999) are brought to the nearest: the same entries, and a day after the last.</summary>
    private void ClampDates()
    {
        From = From is { } from ? SupportedDays.Clamp(from) : null;
        To = To is { } to ? SupportedDays.Clamp(to) : null;
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var query = db.AuditEntries.AsNoTracking();
        if (DepartmentId is { } departmentId)
        {
            query = query.Where(a => a.DepartmentId == departmentId);
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var user = Actor.Trim();
            var ids = db.Users.Where(u => u.Email!.Contains(user) || u.DisplayName.Contains(user)).Select(u => u.Id);
            query = query.Where(a => ids.Contains(a.ActorId) || (a.ActorName != null && a.ActorName.Contains(user)));
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            query = query.Where(a => a.Action == action);
        }

        if (From is { } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.AtUtc >= fromUtc);
        }

        if (To is { } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.AtUtc < toUtc);
        }

        return query;
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Select(e => e.ActorId).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} <{u.Email}>", cancellationToken);
    }
}
