using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Users;

/// <summary>
/// Create a user or change their roles (which ends their sessions at once) and departments; reset the password or the
/// second factor, lock, unlock, deactivate.
/// </summary>
public sealed class EditModel(
    PoliceFeedsDbContext db,
    UserManager<AppUser> users,
    CurrentUser currentUser,
    IValidator<UserForm> validator,
    IStringLocalizer<AdminText> text,
    TimeProvider timeProvider,
    UserSessionStore sessions) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public string? UserId { get; private set; }

    public AppUser? ExistingUser { get; private set; }

    public bool IsLockedOut { get; private set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    /// <summary>A temporary password, shown once after a reset or a creation.</summary>
    public string? TemporaryPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (ExistingUser is { } user)
        {
            Input = new UserInput
            {
                Email = user.Email,
                DisplayName = user.DisplayName,
                Roles = (await users.GetRolesAsync(user)).ToList(),
                DepartmentIds = await db.UserDepartments.Where(ud => ud.UserId == user.Id).Select(ud => ud.DepartmentId).ToListAsync(cancellationToken),
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.Roles = Input.Roles.Where(Roles.All.Contains).Distinct().ToList();
        var knownDepartments = Departments.Select(d => d.Id).ToHashSet();
        var removesLastAdmin = ExistingUser is not null && !Input.Roles.Contains(Roles.NationalAdmin) && await IsLastActiveAdminAsync(ExistingUser);
        var emailTaken = ExistingUser is null && Input.Email is { Length: > 0 } email && await users.FindByEmailAsync(email.Trim()) is not null;
        var result = await validator.ValidateAsync(new UserForm(Input, Input.DepartmentIds.All(knownDepartments.Contains), removesLastAdmin, emailTaken, ExistingUser is null), cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }

            return Page();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = ExistingUser;
        string? temporary = null;
        if (user is null)
        {
            temporary = TemporaryPasswords.New();
            user = new AppUser
            {
                UserName = Input.Email!.Trim(),
                Email = Input.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = Input.DisplayName!.Trim(),
                CreatedAtUtc = now,
                LockoutEnabled = true,
                MustChangePassword = true,
            };
            var created = await users.CreateAsync(user, temporary);
            if (!created.Succeeded)
            {
                created.Errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e.Description));
                return Page();
            }
        }
        else
        {
            user.DisplayName = Input.DisplayName!.Trim();
            await users.UpdateAsync(user);
        }

        var currentRoles = await users.GetRolesAsync(user);
        var rolesChanged = ExistingUser is not null && !currentRoles.ToHashSet().SetEquals(Input.Roles);
        await users.RemoveFromRolesAsync(user, currentRoles.Except(Input.Roles));
        await users.AddToRolesAsync(user, Input.Roles.Except(currentRoles));
        var memberships = await db.UserDepartments.Where(ud => ud.UserId == user.Id).ToListAsync(cancellationToken);
        db.UserDepartments.RemoveRange(memberships.Where(m => !Input.DepartmentIds.Contains(m.DepartmentId)));
        db.UserDepartments.AddRange(Input.DepartmentIds.Distinct().Where(d => memberships.All(m => m.DepartmentId != d)).Select(d => new UserDepartment { UserId = user.Id, DepartmentId = d }));
        var codes = Departments.Where(d => Input.DepartmentIds.Contains(d.Id)).Select(d => d.Code);
        AdminAudit.Add(db, currentUser, now, ExistingUser is null ? "user.created" : "user.updated", "User", user.Id, null,
            $"{user.Email} ; rôles : {string.Join(", ", Input.Roles)} ; départements : {string.Join(", ", codes)}");
        await db.SaveChangesAsync(cancellationToken);
        if (ExistingUser is not null)
        {
            // Role or membership changes apply to open sessions at the next security stamp check.
            await users.UpdateSecurityStampAsync(user);
        }

        await transaction.CommitAsync(cancellationToken);
        if (rolesChanged)
        {
            // Roles live in the cookie: the user's sessions end at once, on every instance, rather than at the next
            // security stamp check; they sign in again with the new roles. An admin changing their own roles keeps
            // the session they are using.
            await sessions.EndAllAsync(user.Id, "role-changed", currentUser.Id == user.Id ? currentUser.SessionId : null, cancellationToken);
        }

        if (temporary is not null)
        {
            TempData["TemporaryPassword"] = temporary;
        }

        TempData["Flash"] = (string)text[ExistingUser is null ? "Flash.UserCreated" : "Flash.UserSaved"];
        return RedirectToPage(new { id = user.Id });
    }

    public Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "user.password_reset", async user =>
        {
            var temporary = TemporaryPasswords.New();
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, temporary);
            if (!reset.Succeeded)
            {
                return false;
            }

            user.MustChangePassword = true;
            await users.UpdateAsync(user);
            await sessions.EndAllAsync(user.Id, "password-reset", cancellationToken: cancellationToken);
            TempData["TemporaryPassword"] = temporary;
            return true;
        }, cancellationToken);

    /// <summary>
    /// A lost or replaced authenticator: the second factor is turned off and its key replaced (the old one is worth
    /// nothing), the user's sessions end; at the next sign-in, with the password, the user enrols again (a national
    /// admin is sent to enrolment, which asks for the password again).
    /// </summary>
    public Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "user.two_factor_reset", async user =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await sessions.EndAllAsync(user.Id, "two-factor-reset", cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "user.locked", async user =>
        {
            if (await IsLastActiveAdminAsync(user))
            {
                ModelState.AddModelError(string.Empty, text["Validation.LastAdmin"]);
                return false;
            }

            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);

            // At once, on every instance: the next request of any of the user's sessions is refused.
            await sessions.EndAllAsync(user.Id, "locked", cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "user.unlocked", async user =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return true;
        }, cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "user.deactivated", async user =>
        {
            if (await IsLastActiveAdminAsync(user))
            {
                ModelState.AddModelError(string.Empty, text["Validation.LastAdmin"]);
                return false;
            }

            user.IsActive = false;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user.Id, "deactivated", cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, "user.reactivated", async user =>
        {
            user.IsActive = true;
            await users.UpdateAsync(user);
            return true;
        }, cancellationToken);

    private async Task<IActionResult> ActAsync(string id, string action, Func<AppUser, Task<bool>> act, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || ExistingUser is null)
        {
            return NotFound();
        }

        if (!await act(ExistingUser))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(string.Empty, text["Validation.ActionFailed"]);
            }

            return Page();
        }

        AdminAudit.Add(db, currentUser, timeProvider.GetUtcNow().UtcDateTime, action, "User", ExistingUser.Id, null, ExistingUser.Email);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = (string)text["Flash." + action];
        return RedirectToPage(new { id });
    }

    private async Task<bool> IsLastActiveAdminAsync(AppUser user)
    {
        if (!await users.IsInRoleAsync(user, Roles.NationalAdmin))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(Roles.NationalAdmin);
        return admins.Count(a => a.IsActive && (a.LockoutEnd is null || a.LockoutEnd <= now)) <= 1;
    }

    private async Task<bool> LoadAsync(string? id, CancellationToken cancellationToken)
    {
        UserId = id;
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Code).ToListAsync(cancellationToken);
        TemporaryPassword = TempData["TemporaryPassword"] as string;
        if (id is null)
        {
            return true;
        }

        ExistingUser = await users.FindByIdAsync(id);
        if (ExistingUser is null)
        {
            return false;
        }

        IsLockedOut = await users.IsLockedOutAsync(ExistingUser);
        return true;
    }
}

public sealed class UserInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<int> DepartmentIds { get; set; } = [];
}

public sealed record UserForm(UserInput Input, bool DepartmentsKnown, bool RemovesLastAdmin, bool EmailTaken, bool IsNew);

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator(IStringLocalizer<AdminText> text)
    {
        When(f => f.IsNew, () =>
        {
            RuleFor(f => f.Input.Email).Cascade(CascadeMode.Stop)
                .NotEmpty().WithName("Input.Email").WithMessage(_ => text["Validation.EmailRequired"])
                .EmailAddress().WithMessage(_ => text["Validation.EmailInvalid"])
                .MaximumLength(256).WithMessage(_ => text["Validation.EmailInvalid"])
                .Must((f, _) => !f.EmailTaken).WithMessage(_ => text["Validation.EmailTaken"]);
        });
        RuleFor(f => f.Input.DisplayName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithName("Input.DisplayName").WithMessage(_ => text["Validation.DisplayNameRequired"])
            .MaximumLength(200).WithMessage(_ => text["Validation.DisplayNameTooLong"]);
        RuleFor(f => f.Input.Roles).NotEmpty().WithName("Input.Roles").WithMessage(_ => text["Validation.RoleRequired"]);
        RuleFor(f => f.DepartmentsKnown).Equal(true).WithName("Input.DepartmentIds").WithMessage(_ => text["Validation.UnknownDepartment"]);
        RuleFor(f => f.Input.DepartmentIds)
            .Must((f, ids) => ids.Count > 0 || f.Input.Roles.SequenceEqual([Roles.NationalAdmin]))
            .WithName("Input.DepartmentIds").WithMessage(_ => text["Validation.DepartmentRequired"]);
        RuleFor(f => f.RemovesLastAdmin).Equal(false).WithName("Input.Roles").WithMessage(_ => text["Validation.LastAdmin"]);
    }

    private static class Roles
    {
        public const string NationalAdmin = PoliceFeeds.Infrastructure.Identity.Roles.NationalAdmin;
    }
}
