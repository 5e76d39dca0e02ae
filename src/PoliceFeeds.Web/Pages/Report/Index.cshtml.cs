using System.Globalization;
using CsvHelper;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Scheduling;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>
/// The pilot's report: messages drafted, published, rejected, cancelled and failed, validation and publication delays,
/// failures by reason and engagement, by department, category and month; charts, tables, CSV and print. National
/// admins see every department, validators their own; officers are refused (403).
/// </summary>
public sealed class IndexModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    ReportQuery reportQuery,
    IValidator<ReportFilterForm> validator,
    IStringLocalizer<ReportText> text,
    TimeProvider timeProvider) : PageModel
{
    /// <summary>Months shown when none are asked: the last three full months (Paris time), the current one left out.</summary>
    public const int DefaultMonths = 3;

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "departmentId")]
    public string? DepartmentId { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    /// <summary>The departments the figures cover (the one chosen, or all those visible).</summary>
    public IReadOnlyList<Department> Selected { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public ReportData? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!MayRead)
        {
            return Forbid();
        }

        if (await LoadAsync(cancellationToken) is { } data)
        {
            Data = data;
        }

        return Page();
    }

    /// <summary>CSV of the report, one line per department, category and month (UTF-8 with BOM, semicolons).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (!MayRead)
        {
            return Forbid();
        }

        if (await LoadAsync(cancellationToken) is not { } data)
        {
            // Bad filters: the page explains them in French, nothing is exported.
            return Page();
        }

        using var buffer = new MemoryStream();
        var options = new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            string[] headers =
            [
                "Csv.Department", "Csv.Category", "Csv.Month", "Figure.Created", "Figure.Published", "Figure.Rejected", "Figure.Cancelled", "Figure.Failed", "Figure.Withdrawn",
                "Csv.Validations", "Csv.ValidationMedian", "Csv.ValidationP90", "Csv.Lags", "Csv.LagMedian", "Csv.LagP90",
                "Csv.Measured", "Engagement.Impressions", "Engagement.Likes", "Engagement.Reposts", "Engagement.Replies", "Engagement.Quotes",
            ];
            csv.WriteRecord(headers.Select(h => (string)text[h]).Concat(FailureReasons.All.Select(r => $"{text["Csv.FailuresPrefix"]} {text[FailureReasons.ResourceKey(r)]}")).ToArray());
            var keys = data.Keys
                .OrderBy(k => DepartmentCode(k.Item1), StringComparer.Ordinal).ThenBy(k => CategoryOrder(k.Item2)).ThenBy(k => k.Item3);
            foreach (var key in keys)
            {
                var figures = data.Cells.GetValueOrDefault(key) ?? new Figures();
                var validation = data.ValidationStats(key.Item1, key.Item2, key.Item3);
                var lag = data.LagStats(key.Item1, key.Item2, key.Item3);
                string[] row =
                [
                    DepartmentCode(key.Item1), CategoryLabel(key.Item2), data.Months[key.Item3].ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    Number(figures.Created), Number(figures.Published), Number(figures.Rejected), Number(figures.Cancelled), Number(figures.Failed), Number(figures.Withdrawn),
                    Number(validation.Count), Minutes(validation.Median), Minutes(validation.P90), Number(lag.Count), Minutes(lag.Median), Minutes(lag.P90),
                    Number(figures.Measured), Number(figures.Engagement.Impressions), Number(figures.Engagement.Likes), Number(figures.Engagement.Reposts),
                    Number(figures.Engagement.Replies), Number(figures.Engagement.Quotes),
                ];
                csv.WriteRecord(row.Concat(FailureReasons.All.Select(r => Number(figures.FailuresByReason.GetValueOrDefault(r)))).ToArray());
            }
        }

        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"bilan-policefeeds-{From}-{To}.csv");
    }

    public bool MayRead => currentUser.IsNationalAdmin || currentUser.IsValidator;

    /// <summary>Rebuilding the roll-up touches every department: national admins only.</summary>
    public bool MayRebuild => currentUser.IsNationalAdmin;

    /// <summary>Rebuilds the roll-up of every closed month of the period (every department, each in its time zone), audited.</summary>
    public async Task<IActionResult> OnPostRebuildAsync([FromServices] ReportRollupBuilder builder, CancellationToken cancellationToken)
    {
        if (!MayRebuild)
        {
            return Forbid();
        }

        if (!await ValidateFiltersAsync(cancellationToken))
        {
            return Page();
        }

        var from = ReportFilter.ParseMonth(From)!.Value;
        var to = ReportFilter.ParseMonth(To)!.Value;
        var rebuilt = 0;
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            rebuilt += await builder.RebuildMonthAsync(month, cancellationToken) ? 1 : 0;
        }

        var period = $"{From}..{To}";
        PoliceFeeds.Web.Pages.Admin.AdminAudit.Add(db, currentUser, timeProvider.GetUtcNow().UtcDateTime, "report.rollup_rebuilt", "Report", period, null, $"{rebuilt} mois clos recalculés");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, text["Flash.RollupRebuilt"], rebuilt, From, To);
        return Redirect($"/Report?{Query}");
    }

    public string DepartmentCode(int id) => Departments.FirstOrDefault(d => d.Id == id)?.Code ?? "";

    public string CategoryLabel(int id) => Categories.FirstOrDefault(c => c.Id == id)?.Label ?? "";

    public int CategoryOrder(int id) => Categories.FirstOrDefault(c => c.Id == id)?.SortOrder ?? int.MaxValue;

    public string MonthLabel(int index) => Data is null ? "" : Data.Months[index].ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The query string of the current filters, for the export link.</summary>
    public string Query => $"from={Uri.EscapeDataString(From ?? "")}&to={Uri.EscapeDataString(To ?? "")}&departmentId={Uri.EscapeDataString(DepartmentId ?? "")}";

    /// <summary>A duration as people read it: "45 s", "12 min", "3 h 05", "2 j 4 h".</summary>
    public string Format(TimeSpan? value)
    {
        if (value is not { } d)
        {
            return "–";
        }

        var culture = CultureInfo.CurrentCulture;
        if (d < TimeSpan.FromMinutes(1))
        {
            return string.Format(culture, text["Duration.Seconds"], (int)Math.Round(d.TotalSeconds));
        }

        if (d < TimeSpan.FromHours(1))
        {
            return string.Format(culture, text["Duration.Minutes"], (int)d.TotalMinutes);
        }

        if (d < TimeSpan.FromDays(1))
        {
            return string.Format(culture, text["Duration.Hours"], (int)d.TotalHours, d.Minutes);
        }

        return string.Format(culture, text["Duration.Days"], (int)d.TotalDays, d.Hours);
    }

    /// <summary>Minutes with one decimal, invariant: the value a chart plots and the CSV carries.</summary>
    public static string Minutes(TimeSpan? value) => value is { } d ? Math.Round(d.TotalMinutes, 1).ToString("0.#", CultureInfo.InvariantCulture) : "";

    /// <summary>Whole seconds, invariant: the value the publication-delay chart plots (its axis is in seconds).</summary>
    public static string Seconds(TimeSpan? value) => value is { } d ? Math.Round(d.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) : "";

    /// <summary>A publication's date in its department's time zone ("dd/MM/yyyy" in French).</summary>
    public string LocalDate(int departmentId, DateTime utc) =>
        DepartmentTime.ToLocal(utc, Departments.FirstOrDefault(d => d.Id == departmentId)?.TimeZoneId ?? "Europe/Paris").ToString("d", CultureInfo.CurrentCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Fills the default period, validates the filters and runs the report; null (with errors in ModelState) when a filter is wrong.</summary>
    private async Task<ReportData?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateFiltersAsync(cancellationToken))
        {
            return null;
        }

        Selected = ReportFilter.ParseDepartment(DepartmentId) is { } id ? Departments.Where(d => d.Id == id).ToList() : Departments;
        return await reportQuery.RunAsync(Selected, ReportFilter.ParseMonth(From)!.Value, ReportFilter.ParseMonth(To)!.Value, cancellationToken);
    }

    /// <summary>Fills the default period and validates the filters; false (errors in ModelState, HTTP 400) when one is wrong.</summary>
    private async Task<bool> ValidateFiltersAsync(CancellationToken cancellationToken)
    {
        Departments = await currentUser.VisibleDepartmentsAsync(cancellationToken);
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);

        var currentMonth = DateOnly.FromDateTime(DepartmentTime.ToLocal(timeProvider.GetUtcNow().UtcDateTime, "Europe/Paris"));
        currentMonth = new DateOnly(currentMonth.Year, currentMonth.Month, 1);
        var lastFullMonth = currentMonth.AddMonths(-1);
        if (string.IsNullOrWhiteSpace(To))
        {
            // From alone: the default span from it, stopped at the last full month (or at From itself if later).
            var from = ReportFilter.ParseMonth(From);
            var to = from is { } f ? f.AddMonths(DefaultMonths - 1) : lastFullMonth;
            if (to > lastFullMonth)
            {
                to = from is { } g && g > lastFullMonth ? g : lastFullMonth;
            }

            To = to.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            // To alone: the default span up to it, started no earlier than the first supported month.
            var from = (ReportFilter.ParseMonth(To) ?? lastFullMonth).AddMonths(-(DefaultMonths - 1));
            From = (from < SupportedDays.First ? SupportedDays.First : from).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        var input = new ReportFilter { From = From, To = To, DepartmentId = DepartmentId };
        var result = await validator.ValidateAsync(new ReportFilterForm(input, Departments.Select(d => d.Id).ToHashSet()), cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        return true;
    }
}
