using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>
/// The instance sends the admin back here: the state must be the one sent (protected cookie, 10 minutes), then the code is
/// exchanged, the account and the instance's limits read and saved. A denial, a refused code or an unreachable instance
/// is said in French and changes nothing.
/// </summary>
public sealed class MastodonCallbackModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    MastodonAccountConnector connector,
    IDataProtectionProvider dataProtection,
    IStringLocalizer<AdminText> text,
    PublishingSignal signal,
    TimeProvider timeProvider) : PageModel
{
    public const string Path = "/Admin/Accounts/MastodonCallback";

    public string? Error { get; private set; }

    public int? DepartmentId { get; private set; }

    /// <summary>From <c>Deployment:PublicBaseAddress</c> (the request's Host is never trusted for it outside Development).</summary>
    public static string RedirectUri(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Startup.DeploymentOptions>>().Value.RedirectUri(request, Path);

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        var sent = ReadState();
        Response.Cookies.Delete(MastodonModel.StateCookie, new CookieOptions { Path = "/Admin/Accounts" });
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (sent is null || sent.ExpiresAtUtc < now || string.IsNullOrEmpty(state) || state != sent.State)
        {
            Error = text["Callback.BadState"];
            return Page();
        }

        DepartmentId = sent.DepartmentId;
        if (!await db.Departments.AnyAsync(d => d.Id == sent.DepartmentId, cancellationToken))
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            Error = text["MastodonCallback.Denied"];
            return Page();
        }

        var instance = MastodonInstance.Parse(sent.InstanceUrl);
        var outcome = await connector.CompleteAsync(sent.DepartmentId, instance, RedirectUri(Request), code, cancellationToken);
        switch (outcome.Result)
        {
            case MastodonConnectResult.Connected:
                var handle = $"@{outcome.Handle}@{instance.Authority}";
                AdminAudit.Add(db, currentUser, now, "account.connected", "PublishingAccount", outcome.AccountId!.Value.ToString(CultureInfo.InvariantCulture), sent.DepartmentId, "Mastodon " + handle);
                await db.SaveChangesAsync(cancellationToken);
                signal.Notify();
                TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, text["Flash.MastodonConnected"], handle);
                return Redirect($"/Admin/Accounts/{sent.DepartmentId}/Mastodon");
            case MastodonConnectResult.Refused:
                Error = string.Format(CultureInfo.CurrentCulture, text["MastodonCallback.Refused"], instance.Authority);
                break;
            case MastodonConnectResult.TakenByAnotherDepartment:
                Error = string.Format(CultureInfo.CurrentCulture, text["Validation.MastodonTaken"], $"@{outcome.Handle}@{instance.Authority}");
                break;
            default:
                Error = string.Format(CultureInfo.CurrentCulture, text["Validation.MastodonUnavailable"], instance.Authority, outcome.Detail);
                break;
        }

        return Page();
    }

    private MastodonConnectState? ReadState()
    {
        if (!Request.Cookies.TryGetValue(MastodonModel.StateCookie, out var cookie))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<MastodonConnectState>(dataProtection.CreateProtector(MastodonConnectState.Purpose).Unprotect(cookie));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}
