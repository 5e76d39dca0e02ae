using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Core.Rollout;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin;

/// <summary>
/// National administration home: departments and their accounts, each one's onboarding checklist and the progress across
/// departments, activation, pause switches.
/// </summary>
public sealed class IndexModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IValidator<PauseInput> validator,
    IStringLocalizer<AdminText> text,
    PublishingSignal signal,
    TimeProvider timeProvider) : PageModel
{
    public IReadOnlyList<Row> Departments { get; private set; } = [];

    public PublishingSettings Settings { get; private set; } = new();

    /// <summary>The national scope, whose messages and accounts national admins manage themselves.</summary>
    public int? NationalDepartmentId => Departments.FirstOrDefault(r => r.Department.IsNational)?.Department.Id;

    public OnboardingProgress Progress { get; private set; } = OnboardingProgress.Across([]);

    [BindProperty]
    public PauseInput Pause { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPauseNationalAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(cancellationToken))
        {
            return Page();
        }

        var settings = await db.PublishingSettings.SingleAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        settings.PublishingEnabled = false;
        settings.ChangedAtUtc = now;
        settings.ChangedByUserId = currentUser.Id;
        settings.Reason = Pause.Reason!.Trim();
        AdminAudit.Add(db, currentUser, now, "publishing.national_paused", "PublishingSettings", "national", null, settings.Reason);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = (string)text["Flash.NationalPaused"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResumeNationalAsync(CancellationToken cancellationToken)
    {
        var settings = await db.PublishingSettings.SingleAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        settings.PublishingEnabled = true;
        settings.ChangedAtUtc = now;
        settings.ChangedByUserId = currentUser.Id;
        settings.Reason = null;
        AdminAudit.Add(db, currentUser, now, "publishing.national_resumed", "PublishingSettings", "national", null, null);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        TempData["Flash"] = (string)text["Flash.NationalResumed"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPauseDepartmentAsync(int departmentId, CancellationToken cancellationToken)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        if (department is null)
        {
            return NotFound();
        }

        if (!await ValidateAsync(cancellationToken))
        {
            return Page();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        department.Pause(currentUser.Id, Pause.Reason!.Trim(), now);
        AdminAudit.Add(db, currentUser, now, "department.paused", "Department", department.Code, department.Id, department.PauseReason);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.DepartmentPaused"], department.Code);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResumeDepartmentAsync(int departmentId, CancellationToken cancellationToken)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        if (department is null)
        {
            return NotFound();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        department.Resume();
        AdminAudit.Add(db, currentUser, now, "department.resumed", "Department", department.Code, department.Id, null);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.DepartmentResumed"], department.Code);
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostActivateAsync(int departmentId, CancellationToken cancellationToken) => SetActiveAsync(departmentId, true, cancellationToken);

    /// <summary>Activation opens the department to its officers and the publisher (deactivating is on the department's page). Audited.</summary>
    private async Task<IActionResult> SetActiveAsync(int departmentId, bool active, CancellationToken cancellationToken)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        if (department is null)
        {
            return NotFound();
        }

        if (department.IsActive != active)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            department.IsActive = active;
            AdminAudit.Add(db, currentUser, now, active ? "department.activated" : "department.deactivated", "Department", department.Code, department.Id, department.ServiceName);
            await db.SaveChangesAsync(cancellationToken);
            if (active)
            {
                signal.Notify();
            }
        }

        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text[active ? "Flash.DepartmentActivated" : "Flash.DepartmentDeactivated"], department.Code);
        return RedirectToPage();
    }

    private async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(Pause, cancellationToken);
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError("Pause." + error.PropertyName, error.ErrorMessage);
        }

        if (!result.IsValid)
        {
            await LoadAsync(cancellationToken);
        }

        return result.IsValid;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Settings = await db.PublishingSettings.AsNoTracking().SingleAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking()
            .OrderBy(d => d.Code)
            .Select(d => new { Department = d, Account = d.Accounts.Where(a => a.Network == PublishingNetwork.X).OrderBy(a => a.Id).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var checklists = await OnboardingQuery.ChecklistsAsync(db, cancellationToken);
        Departments = departments.Select(d => new Row(d.Department, d.Account, checklists[d.Department.Id])).ToList();
        Progress = OnboardingProgress.Across(Departments.Select(r => (r.Checklist, r.Department.IsActive)).ToList());
    }

    public sealed record Row(Department Department, PublishingAccount? Account, OnboardingChecklist Checklist)
    {
        public bool NeedsAttention => Account is { State: AccountState.NeedsReconnecting };
    }
}

public sealed class PauseInput
{
    public string? Reason { get; set; }
}

public sealed class PauseInputValidator : AbstractValidator<PauseInput>
{
    public PauseInputValidator(IStringLocalizer<AdminText> text)
    {
        RuleFor(p => p.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => text["Validation.PauseReasonRequired"])
            .MaximumLength(500).WithMessage(_ => text["Validation.PauseReasonTooLong"]);
    }
}
