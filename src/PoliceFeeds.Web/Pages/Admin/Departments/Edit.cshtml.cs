using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Departments;

/// <summary>Create a department (rolling out to a new one needs no code change) or edit one.</summary>
public sealed class EditModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IValidator<DepartmentForm> validator,
    IStringLocalizer<AdminText> text,
    TimeProvider timeProvider) : PageModel
{
    [BindProperty]
    public DepartmentInput Input { get; set; } = new();

    public int? DepartmentId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        DepartmentId = id;
        if (id is null)
        {
            // The time zone is left empty: the department's default (DepartmentCode.DefaultTimeZoneFor) applies on save.
            Input = new DepartmentInput { IsActive = true };
            Input.SetTimeBoundDefaults();
            return Page();
        }

        var department = await db.Departments.AsNoTracking().Include(d => d.Accounts).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return NotFound();
        }

        Input = new DepartmentInput
        {
            Code = department.Code,
            Name = department.Name,
            ServiceName = department.ServiceName,
            TimeZoneId = department.TimeZoneId,
            IsActive = department.IsActive,
            RequiresValidation = department.RequiresValidation,
            Handle = department.FirstAccountOn(PublishingNetwork.X)?.Handle,
            DeviationEndAction = department.DeviationEndAction,
            ReplyFallback = department.ReplyFallback,
            DeviationEndTemplate = department.DeviationEndTemplate,
            FoundThanksTemplate = department.FoundThanksTemplate,
            RedactFoundAppealsAfterDays = department.RedactFoundAppealsAfterDays,
            FlagOpenAppealsAfterDays = department.FlagOpenAppealsAfterDays,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        DepartmentId = id;
        Department? department = null;
        if (id is not null)
        {
            department = await db.Departments.Include(d => d.Accounts).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (department is null)
            {
                return NotFound();
            }

            Input.Code = department.Code;
        }

        var code = DepartmentCode.Normalize(Input.Code ?? "");
        if (string.IsNullOrWhiteSpace(Input.TimeZoneId) && DepartmentCode.IsValid(code))
        {
            // Overseas departments get their own zone (971 → America/Guadeloupe...), the others Europe/Paris.
            Input.TimeZoneId = DepartmentCode.DefaultTimeZoneFor(code);
        }

        var codeTaken = id is null && await db.Departments.AnyAsync(d => d.Code == code, cancellationToken);
        var result = await validator.ValidateAsync(new DepartmentForm(Input, code, codeTaken, IsNew: id is null), cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }

            return Page();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (department is null)
        {
            department = new Department { Code = code, Name = Input.Name!.Trim() };
            department.Accounts.Add(new PublishingAccount { Handle = Input.Handle!.Trim().TrimStart('@'), Mode = AccountMode.Sandbox });
            db.Departments.Add(department);
        }

        var wasActive = id is not null && department.IsActive;
        department.Name = Input.Name!.Trim();
        department.ServiceName = string.IsNullOrWhiteSpace(Input.ServiceName) ? DepartmentCatalog.DefaultServiceName(code) : Input.ServiceName.Trim();
        department.ValidationPolicyChosen = true;
        department.TimeZoneId = Input.TimeZoneId!.Trim();
        department.IsActive = Input.IsActive;
        department.RequiresValidation = Input.RequiresValidation;
        department.DeviationEndAction = Input.DeviationEndAction!.Value;
        department.ReplyFallback = Input.ReplyFallback ?? Core.Publishing.ReplyFallback.QuotePost;
        department.DeviationEndTemplate = Input.DeviationEndTemplate!.Trim();
        department.FoundThanksTemplate = Input.FoundThanksTemplate!.Trim();
        department.RedactFoundAppealsAfterDays = Input.RedactFoundAppealsAfterDays!.Value;
        department.FlagOpenAppealsAfterDays = Input.FlagOpenAppealsAfterDays!.Value;
        // The handle field is the department's X account's (its other accounts are managed on the accounts page).
        var xAccount = department.FirstAccountOn(PublishingNetwork.X);
        if (xAccount is not null && !string.IsNullOrWhiteSpace(Input.Handle))
        {
            xAccount.Handle = Input.Handle.Trim().TrimStart('@');
        }
        else if (xAccount is null && !string.IsNullOrWhiteSpace(Input.Handle))
        {
            // A listed department prepared for its rollout: its account starts in sandbox mode, to be connected.
            department.Accounts.Add(new PublishingAccount { Handle = Input.Handle.Trim().TrimStart('@'), Mode = AccountMode.Sandbox });
        }

        if (id is not null && wasActive != department.IsActive)
        {
            AdminAudit.Add(db, currentUser, now, department.IsActive ? "department.activated" : "department.deactivated", "Department", code, department.Id, department.ServiceName);
        }

        AdminAudit.Add(db, currentUser, now, id is null ? "department.created" : "department.updated", "Department", code, department.Id == 0 ? null : department.Id,
            $"{code} {department.Name} ({department.TimeZoneId}){(department.IsActive ? "" : ", désactivé")}{(department.RequiresValidation ? ", validation obligatoire" : "")}, fin de déviation : {(department.DeviationEndAction == DeviationEndAction.Delete ? "suppression" : "réponse")}, masquage des avis après {department.RedactFoundAppealsAfterDays} j, signalement après {department.FlagOpenAppealsAfterDays} j");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two admins creating the same code at once: the unique index decides.
            ModelState.AddModelError("Input.Code", string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.DuplicateCode"], code));
            return Page();
        }

        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text[id is null ? "Flash.DepartmentCreated" : "Flash.DepartmentSaved"], code);
        return RedirectToPage("/Admin/Index");
    }
}

public sealed class DepartmentInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    /// <summary>The directorate's name as shown ("DIPN 44"); empty for "Police nationale NN".</summary>
    public string? ServiceName { get; set; }

    public string? TimeZoneId { get; set; }

    public bool IsActive { get; set; } = true;

    public bool RequiresValidation { get; set; }

    /// <summary>Handle of the department's X account (created in sandbox mode with the department).</summary>
    public string? Handle { get; set; }

    public DeviationEndAction? DeviationEndAction { get; set; }

    /// <summary>How a reply refused by X's reply rule goes out.</summary>
    public Core.Publishing.ReplyFallback? ReplyFallback { get; set; }

    public string? DeviationEndTemplate { get; set; }

    public string? FoundThanksTemplate { get; set; }

    public int? RedactFoundAppealsAfterDays { get; set; }

    public int? FlagOpenAppealsAfterDays { get; set; }

    public void SetTimeBoundDefaults()
    {
        DeviationEndAction = Core.Departments.DeviationEndAction.Reply;
        ReplyFallback = Core.Publishing.ReplyFallback.QuotePost;
        DeviationEndTemplate = TimeBoundDefaults.DeviationEndTemplate;
        FoundThanksTemplate = TimeBoundDefaults.FoundThanksTemplate;
        RedactFoundAppealsAfterDays = TimeBoundDefaults.RedactFoundAppealsAfterDays;
        FlagOpenAppealsAfterDays = TimeBoundDefaults.FlagOpenAppealsAfterDays;
    }
}

public sealed record DepartmentForm(DepartmentInput Input, string NormalizedCode, bool CodeTaken, bool IsNew);

public sealed class DepartmentFormValidator : AbstractValidator<DepartmentForm>
{
    /// <summary>A template must make a valid post: X's weighted count, no invalid character. The length is capped before parsing.</summary>
    private static bool IsPostable(string text)
    {
        if (text.Length > TimeBoundDefaults.MaxTemplateLength)
        {
            return false;
        }

        var parsed = Core.Text.TweetText.Parse(text);
        return !parsed.TimedOut && !parsed.HasInvalidCharacters && parsed.WeightedLength <= Core.Text.TweetText.MaxWeightedLength;
    }

    public DepartmentFormValidator(IStringLocalizer<AdminText> text)
    {
        When(f => f.IsNew, () =>
        {
            RuleFor(f => f.NormalizedCode).Cascade(CascadeMode.Stop)
                .Must(DepartmentCode.IsValid).WithName("Input.Code").WithMessage(_ => text["Validation.InvalidCode"])
                .Must((f, _) => !f.CodeTaken).WithMessage(f => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.DuplicateCode"], f.NormalizedCode));
            RuleFor(f => f.Input.Handle).Cascade(CascadeMode.Stop)
                .NotEmpty().WithName("Input.Handle").WithMessage(_ => text["Validation.HandleRequired"])
                .Matches("^@?[A-Za-z0-9_]{1,15}$").WithMessage(_ => text["Validation.HandleInvalid"]);
        });
        RuleFor(f => f.Input.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithName("Input.Name").WithMessage(_ => text["Validation.NameRequired"])
            .MaximumLength(100).WithMessage(_ => text["Validation.NameTooLong"]);
        RuleFor(f => f.Input.ServiceName).MaximumLength(Department.MaxServiceNameLength).WithName("Input.ServiceName")
            .WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.ServiceNameTooLong"], Department.MaxServiceNameLength));
        When(f => !f.IsNew, () => RuleFor(f => f.Input.Handle)
            .Matches("^@?[A-Za-z0-9_]{1,15}$").When(f => !string.IsNullOrWhiteSpace(f.Input.Handle)).WithName("Input.Handle").WithMessage(_ => text["Validation.HandleInvalid"]));
        RuleFor(f => f.Input.DeviationEndAction).Cascade(CascadeMode.Stop)
            .NotNull().WithName("Input.DeviationEndAction").WithMessage(_ => text["Validation.DeviationEndActionRequired"])
            .IsInEnum().WithMessage(_ => text["Validation.DeviationEndActionRequired"]);
        RuleFor(f => f.Input.ReplyFallback).IsInEnum().WithName("Input.ReplyFallback").WithMessage(_ => text["Validation.ReplyFallbackInvalid"]);
        RuleFor(f => f.Input.DeviationEndTemplate).Cascade(CascadeMode.Stop)
            .NotEmpty().WithName("Input.DeviationEndTemplate").WithMessage(_ => text["Validation.TemplateRequired"])
            .Must(t => t!.Length <= TimeBoundDefaults.MaxTemplateLength && IsPostable(TimeBoundDefaults.FillDeviationEnd(t.Trim(), new DateTime(2026, 12, 31, 23, 59, 0, DateTimeKind.Unspecified))))
            .WithMessage(_ => text["Validation.TemplateNotPostable"]);
        RuleFor(f => f.Input.FoundThanksTemplate).Cascade(CascadeMode.Stop)
            .NotEmpty().WithName("Input.FoundThanksTemplate").WithMessage(_ => text["Validation.TemplateRequired"])
            .Must(t => IsPostable(t!.Trim())).WithMessage(_ => text["Validation.TemplateNotPostable"]);
        RuleFor(f => f.Input.RedactFoundAppealsAfterDays).Cascade(CascadeMode.Stop)
            .NotNull().WithName("Input.RedactFoundAppealsAfterDays").WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.DaysOutOfRange"], TimeBoundDefaults.MaxDays))
            .InclusiveBetween(1, TimeBoundDefaults.MaxDays).WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.DaysOutOfRange"], TimeBoundDefaults.MaxDays));
        RuleFor(f => f.Input.FlagOpenAppealsAfterDays).Cascade(CascadeMode.Stop)
            .NotNull().WithName("Input.FlagOpenAppealsAfterDays").WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.DaysOutOfRange"], TimeBoundDefaults.MaxDays))
            .InclusiveBetween(1, TimeBoundDefaults.MaxDays).WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.DaysOutOfRange"], TimeBoundDefaults.MaxDays));
        RuleFor(f => f.Input.TimeZoneId)
            .Must(tz => !string.IsNullOrWhiteSpace(tz) && TimeZoneInfo.TryFindSystemTimeZoneById(tz.Trim(), out _))
            .WithName("Input.TimeZoneId").WithMessage(_ => text["Validation.UnknownTimeZone"]);
    }
}
