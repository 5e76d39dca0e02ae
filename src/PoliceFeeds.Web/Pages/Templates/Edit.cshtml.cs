using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Pages.Admin;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Templates;

/// <summary>Creates (<c>/Templates/Edit</c>), changes or deletes (<c>/Templates/Edit/ID</c>) a template the user manages.</summary>
public sealed class EditModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IValidator<TemplateForm> validator,
    IStringLocalizer<OfficerText> text,
    TimeProvider timeProvider) : PageModel
{
    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    public int? TemplateId { get; private set; }

    /// <summary>The scopes the user may manage: 0 (national) for a national admin, then departments.</summary>
    public IReadOnlyList<(int Id, string Label)> Scopes { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(id, cancellationToken);
        if (id is { } templateId)
        {
            var template = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken);
            if (template is null || !await CanManageAsync(template.DepartmentId, cancellationToken))
            {
                return NotFound();
            }

            Input = new TemplateInput { Name = template.Name, DepartmentId = template.DepartmentId ?? 0, CategoryId = template.CategoryId, Text = template.Text, Hashtags = template.Hashtags };
        }
        else if (Scopes.Count == 0)
        {
            return Forbid();
        }
        else
        {
            Input = new TemplateInput { DepartmentId = Scopes[0].Id };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        MessageTemplate? template = null;
        if (id is { } templateId)
        {
            template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Id == templateId, cancellationToken);
            if (template is null || !await CanManageAsync(template.DepartmentId, cancellationToken))
            {
                return NotFound();
            }
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var scopeAllowed = (Input.DepartmentId == 0 || await db.Departments.AnyAsync(d => d.Id == Input.DepartmentId && d.IsActive, cancellationToken))
            && await CanManageAsync(Input.DepartmentIdOrNull, cancellationToken);
        var categoryExists = await db.Categories.AnyAsync(c => c.Id == Input.CategoryId && c.IsActive, cancellationToken);
        var result = await validator.ValidateAsync(new TemplateForm(Input, scopeAllowed, categoryExists, now), cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }

            await LoadChoicesAsync(id, cancellationToken);
            return Page();
        }

        var values = TemplateFormValidator.ToTemplate(Input, currentUser.Id, now);
        if (template is null)
        {
            template = values;
            db.MessageTemplates.Add(template);
        }
        else
        {
            (template.Name, template.DepartmentId, template.CategoryId, template.Text, template.Hashtags) = (values.Name, values.DepartmentId, values.CategoryId, values.Text, values.Hashtags);
            template.UpdatedById = currentUser.Id;
            template.UpdatedAtUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        AdminAudit.Add(db, currentUser, now, id is null ? "template.created" : "template.updated", nameof(MessageTemplate),
            template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), template.DepartmentId, template.Name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Templates.Saved"], template.Name);
        return RedirectToPage("/Templates/Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null || !await CanManageAsync(template.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        db.MessageTemplates.Remove(template);
        AdminAudit.Add(db, currentUser, timeProvider.GetUtcNow().UtcDateTime, "template.deleted", nameof(MessageTemplate),
            template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), template.DepartmentId, template.Name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Templates.Deleted"], template.Name);
        return RedirectToPage("/Templates/Index");
    }

    private async Task<bool> CanManageAsync(int? departmentId, CancellationToken cancellationToken) =>
        MessageTemplate.CanManage(departmentId, currentUser.IsNationalAdmin,
            departmentId is { } d && await currentUser.CanValidateForDepartmentAsync(d, cancellationToken));

    private async Task LoadChoicesAsync(int? id, CancellationToken cancellationToken)
    {
        TemplateId = id;
        Categories = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var mine = await currentUser.GetDepartmentIdsAsync(cancellationToken);
        List<Department> departments = await db.Departments.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Code).ToListAsync(cancellationToken);
        var scopes = new List<(int, string)>();
        if (currentUser.IsNationalAdmin)
        {
            scopes.Add((0, text["Templates.National"]));
        }

        scopes.AddRange(departments
            .Where(d => currentUser.IsNationalAdmin || (currentUser.IsValidator && mine.Contains(d.Id)))
            .Select(d => (d.Id, $"{d.Code} {d.Name}")));
        Scopes = scopes;
    }
}
