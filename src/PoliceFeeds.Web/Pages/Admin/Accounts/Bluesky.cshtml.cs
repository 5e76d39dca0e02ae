using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>
/// A department's Bluesky accounts: connect one with its handle and an app password (checked by opening a session on its
/// server), switch it between the training timeline and the real account, disconnect it. National admins only (the /Admin
/// folder's policy); every change audited.
/// </summary>
public sealed class BlueskyModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    BlueskyAccountConnector connector,
    IValidator<BlueskyConnectInput> validator,
    IStringLocalizer<AdminText> text,
    PublishingSignal signal,
    TimeProvider timeProvider) : PageModel
{
    public Department Department { get; private set; } = null!;

    public IReadOnlyList<PublishingAccount> Accounts { get; private set; } = [];

    [BindProperty]
    public BlueskyConnectInput Input { get; set; } = new();

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(int departmentId, CancellationToken cancellationToken) =>
        await LoadAsync(departmentId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConnectAsync(int departmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken))
        {
            return NotFound();
        }

        var result = await validator.ValidateAsync(Input, cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input." + error.PropertyName, error.ErrorMessage);
            }

            return Page();
        }

        var outcome = await connector.ConnectAsync(Department.Id, BlueskyConnectInput.Server(Input.ServerUrl), Input.Identifier!.Trim().TrimStart('@'), Input.AppPassword!.Trim(), cancellationToken);
        switch (outcome.Result)
        {
            case BlueskyConnectResult.Connected:
                AdminAudit.Add(db, currentUser, Now, "account.connected", "PublishingAccount", outcome.AccountId!.Value.ToString(CultureInfo.InvariantCulture), Department.Id, "Bluesky @" + outcome.Handle);
                await db.SaveChangesAsync(cancellationToken);
                signal.Notify();
                TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, text["Flash.BlueskyConnected"], outcome.Handle);
                return RedirectToPage(new { departmentId = Department.Id });
            case BlueskyConnectResult.Refused:
                ModelState.AddModelError("Input.AppPassword", text["Validation.BlueskyRefused"]);
                break;
            case BlueskyConnectResult.TakenByAnotherDepartment:
                ModelState.AddModelError("Input.Identifier", string.Format(CultureInfo.CurrentCulture, text["Validation.BlueskyTaken"], outcome.Handle));
                break;
            default:
                ModelState.AddModelError(string.Empty, string.Format(CultureInfo.CurrentCulture, text["Validation.BlueskyUnavailable"], outcome.Detail));
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostModeAsync(int departmentId, int accountId, AccountMode mode, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken) || Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account || !Enum.IsDefined(mode))
        {
            return NotFound();
        }

        if (mode == AccountMode.Live && (account.State != AccountState.Connected || account.ProtectedCredentials is null))
        {
            ModelState.AddModelError(string.Empty, text["Validation.BlueskyLiveNeedsConnection"]);
            return Page();
        }

        var tracked = await db.PublishingAccounts.SingleAsync(a => a.Id == account.Id, cancellationToken);
        tracked.Mode = mode;
        AdminAudit.Add(db, currentUser, Now, "account.mode_changed", "PublishingAccount", account.Id.ToString(CultureInfo.InvariantCulture), Department.Id, "Bluesky " + mode);
        return await SaveAsync("Flash.ModeChanged", cancellationToken);
    }

    public async Task<IActionResult> OnPostDisconnectAsync(int departmentId, int accountId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken) || Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
        {
            return NotFound();
        }

        var tracked = await db.PublishingAccounts.SingleAsync(a => a.Id == account.Id, cancellationToken);
        tracked.ProtectedCredentials = null;
        tracked.AuthKind = AccountAuthKind.None;
        tracked.State = AccountState.Disconnected;
        tracked.Mode = AccountMode.Sandbox;
        AdminAudit.Add(db, currentUser, Now, "account.disconnected", "PublishingAccount", account.Id.ToString(CultureInfo.InvariantCulture), Department.Id, "Bluesky @" + account.Handle);
        return await SaveAsync("Flash.Disconnected", cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(string flash, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, text["Validation.Concurrency"]);
            return Page();
        }

        signal.Notify();
        TempData["Flash"] = (string)text[flash];
        return RedirectToPage(new { departmentId = Department.Id });
    }

    private async Task<bool> LoadAsync(int departmentId, CancellationToken cancellationToken)
    {
        if (await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken) is not { } department)
        {
            return false;
        }

        Department = department;
        Accounts = await db.PublishingAccounts.AsNoTracking()
            .Where(a => a.DepartmentId == departmentId && a.Network == PublishingNetwork.Bluesky)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return true;
    }
}

public sealed class BlueskyConnectInput
{
    public const string DefaultServer = "https://bsky.social";

    /// <summary>The account's server; empty means Bluesky's own (<see cref="DefaultServer"/>).</summary>
    public string? ServerUrl { get; set; }

    /// <summary>The handle (police44.bsky.social) or the DID.</summary>
    public string? Identifier { get; set; }

    /// <summary>An app password made for PoliceFeeds in Bluesky's settings, never the account's own password.</summary>
    public string? AppPassword { get; set; }

    public static string Server(string? serverUrl) =>
        string.IsNullOrWhiteSpace(serverUrl) ? DefaultServer : serverUrl.Trim().TrimEnd('/');
}

public sealed class BlueskyConnectInputValidator : AbstractValidator<BlueskyConnectInput>
{
    public BlueskyConnectInputValidator(IStringLocalizer<AdminText> text)
    {
        RuleFor(i => i.ServerUrl)
            .Must(s => Uri.TryCreate(BlueskyConnectInput.Server(s), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.PathAndQuery == "/")
            .WithMessage(_ => text["Validation.BlueskyServer"])
            .MaximumLength(PublishingAccount.MaxServerUrlLength).WithMessage(_ => text["Validation.BlueskyServer"]);
        RuleFor(i => i.Identifier).NotEmpty().WithMessage(_ => text["Validation.BlueskyIdentifierRequired"])
            .MaximumLength(PublishingAccount.MaxHandleLength).WithMessage(_ => text["Validation.BlueskyIdentifierRequired"]);
        RuleFor(i => i.AppPassword).NotEmpty().WithMessage(_ => text["Validation.BlueskyAppPasswordRequired"])
            .Matches("^\\s*[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}\\s*$").WithMessage(_ => text["Validation.BlueskyAppPasswordShape"]);
    }
}
