using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>
/// A department's accounts on one network where it may have several (Bluesky, Mastodon): the list, the switch between
/// training and live, disconnect, every change audited. Each network's page adds how an account is connected. National
/// admins only (the /Admin folder's policy).
/// </summary>
public abstract class NetworkAccountsPageModel : PageModel
{
    protected NetworkAccountsPageModel(PoliceFeedsDbContext db, CurrentUser currentUser, IStringLocalizer<AdminText> text, PublishingSignal signal, TimeProvider timeProvider)
    {
        Db = db;
        CurrentUser = currentUser;
        Text = text;
        Signal = signal;
        TimeProvider = timeProvider;
    }

    public abstract PublishingNetwork Network { get; }

    public Department Department { get; private set; } = null!;

    public IReadOnlyList<PublishingAccount> Accounts { get; private set; } = [];

    protected PoliceFeedsDbContext Db { get; }

    protected CurrentUser CurrentUser { get; }

    protected IStringLocalizer<AdminText> Text { get; }

    protected PublishingSignal Signal { get; }

    protected TimeProvider TimeProvider { get; }

    protected DateTime Now => TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>How the page shows an account (and the audit names it).</summary>
    public virtual string DisplayHandle(PublishingAccount account) => "@" + account.Handle;

    public async Task<IActionResult> OnGetAsync(int departmentId, CancellationToken cancellationToken) =>
        await LoadAsync(departmentId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostModeAsync(int departmentId, int accountId, AccountMode mode, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken) || Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account || !Enum.IsDefined(mode))
        {
            return NotFound();
        }

        if (mode == AccountMode.Live && !AccountChanges.CanGoLive(account))
        {
            ModelState.AddModelError(string.Empty, Text["Validation.LiveNeedsConnection"]);
            return Page();
        }

        var tracked = await Db.PublishingAccounts.SingleAsync(a => a.Id == account.Id, cancellationToken);
        AccountChanges.SetMode(Db, CurrentUser, Now, tracked, mode, $"{Network} {mode}");
        return await SaveAsync("Flash.ModeChanged", cancellationToken);
    }

    public async Task<IActionResult> OnPostDisconnectAsync(int departmentId, int accountId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken) || Accounts.FirstOrDefault(a => a.Id == accountId) is not { } account)
        {
            return NotFound();
        }

        var tracked = await Db.PublishingAccounts.SingleAsync(a => a.Id == account.Id, cancellationToken);
        AccountChanges.Disconnect(Db, CurrentUser, Now, tracked, $"{Network} {DisplayHandle(account)}");
        return await SaveAsync("Flash.Disconnected", cancellationToken);
    }

    /// <summary>Audits a connection of <paramref name="accountId"/>, saves, wakes the publisher and comes back with a flash.</summary>
    protected async Task<IActionResult> ConnectedAsync(int accountId, string handle, string flash, CancellationToken cancellationToken)
    {
        AdminAudit.Add(Db, CurrentUser, Now, "account.connected", "PublishingAccount", accountId.ToString(CultureInfo.InvariantCulture), Department.Id, $"{Network} {handle}");
        await Db.SaveChangesAsync(cancellationToken);
        Signal.Notify();
        TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, Text[flash], handle);
        return RedirectToPage(new { departmentId = Department.Id });
    }

    protected async Task<IActionResult> SaveAsync(string flash, CancellationToken cancellationToken)
    {
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Text["Validation.Concurrency"]);
            return Page();
        }

        Signal.Notify();
        TempData["Flash"] = (string)Text[flash];
        return RedirectToPage(new { departmentId = Department.Id });
    }

    protected async Task<bool> LoadAsync(int departmentId, CancellationToken cancellationToken)
    {
        if (await Db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken) is not { } department)
        {
            return false;
        }

        Department = department;
        Accounts = await Db.PublishingAccounts.AsNoTracking()
            .Where(a => a.DepartmentId == departmentId && a.Network == Network)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return true;
    }
}
