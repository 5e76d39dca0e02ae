using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Scheduling;

namespace PoliceFeeds.Web.Pages.Report;

/// <summary>The report's filters as the browser sends them (an &lt;input type="month"&gt; gives "yyyy-MM").</summary>
public sealed class ReportFilter
{
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>A department id, or empty for every department the user may see.</summary>
    public string? DepartmentId { get; set; }

    public static DateOnly? ParseMonth(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && SupportedDays.Contains(month)
            ? month
            : null;

    public static int? ParseDepartment(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>The filters once the page has looked up what only the server knows: the departments the user may see.</summary>
public sealed record ReportFilterForm(ReportFilter Input, IReadOnlySet<int> VisibleDepartmentIds);

/// <summary>The rules on the report's filters, with French messages: a bad value is explained, never a 500.</summary>
public sealed class ReportFilterValidator : AbstractValidator<ReportFilterForm>
{
    public const int MaxMonths = 24;

    public ReportFilterValidator(IStringLocalizer<ReportText> text)
    {
        RuleFor(f => f.Input.From).Must(v => string.IsNullOrWhiteSpace(v) || ReportFilter.ParseMonth(v) is not null)
            .WithName("From").WithMessage(_ => text["Validation.InvalidMonth"]);
        RuleFor(f => f.Input.To).Must(v => string.IsNullOrWhiteSpace(v) || ReportFilter.ParseMonth(v) is not null)
            .WithName("To").WithMessage(_ => text["Validation.InvalidMonth"]);
        When(f => ReportFilter.ParseMonth(f.Input.From) is not null && ReportFilter.ParseMonth(f.Input.To) is not null, () =>
        {
            RuleFor(f => f).Must(f => ReportFilter.ParseMonth(f.Input.From) <= ReportFilter.ParseMonth(f.Input.To))
                .WithName("To").WithMessage(_ => text["Validation.ToBeforeFrom"]);
            RuleFor(f => f).Must(f => ReportFilter.ParseMonth(f.Input.From)!.Value.AddMonths(MaxMonths) > ReportFilter.ParseMonth(f.Input.To)!.Value)
                .WithName("To").WithMessage(_ => string.Format(CultureInfo.CurrentCulture, text["Validation.PeriodTooLong"], MaxMonths));
        });
        RuleFor(f => f).Must(f => string.IsNullOrWhiteSpace(f.Input.DepartmentId)
                || (ReportFilter.ParseDepartment(f.Input.DepartmentId) is { } id && f.VisibleDepartmentIds.Contains(id)))
            .WithName("DepartmentId").WithMessage(_ => text["Validation.DepartmentNotAllowed"]);
    }
}
