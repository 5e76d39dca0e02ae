using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.Infrastructure.XApi;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>X sends the admin back here with a code: check the state, exchange the code, store the tokens encrypted.</summary>
public sealed class CallbackModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    CredentialProtector protector,
    IXOAuth2Client oauth2,
    IXApiClient x,
    IDataProtectionProvider dataProtection,
    IStringLocalizer<AdminText> text,
    TimeProvider timeProvider) : PageModel
{
    public string? Error { get; private set; }

    /// <summary>From <c>Deployment:PublicBaseAddress</c> (the request's Host is never trusted for it outside Development).</summary>
    public static string RedirectUri(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Startup.DeploymentOptions>>().Value
            .RedirectUri(request, "/Admin/Accounts/Callback");

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        var pkce = ReadState();
        Response.Cookies.Delete(EditModel.PkceCookie, new CookieOptions { Path = "/Admin/Accounts" });
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (pkce is null || pkce.ExpiresAtUtc < now || string.IsNullOrEmpty(state) || state != pkce.State)
        {
            Error = text["Callback.BadState"];
            return Page();
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            Error = text["Callback.Denied"];
            return Page();
        }

        var exchanged = await oauth2.ExchangeCodeAsync(code, pkce.CodeVerifier, RedirectUri(Request), cancellationToken);
        if (exchanged is not XOutcome<XTokenSet>.Success(var tokens))
        {
            Error = text["Callback.ExchangeFailed"];
            return Page();
        }

        var account = await db.PublishingAccounts.Where(a => a.DepartmentId == pkce.DepartmentId && a.Network == PublishingNetwork.X).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        // The X user behind the tokens: an X account already connected to another department is refused, and its tokens
        // are not kept.
        var me = await x.GetMeAsync(new XAuth.Bearer(tokens.AccessToken), cancellationToken);
        var user = me is XOutcome<XUser>.Success(var found) ? found : null;
        if (user is not null && await XAccountOwnership.OtherDepartmentCodeAsync(db, account.Id, user.Id, cancellationToken) is { } otherDepartment)
        {
            Error = AlreadyConnected(user.Username, otherDepartment);
            return Page();
        }

        // A live account never publishes for an X user nobody checked: without it, the tokens are not kept.
        if (user is null && account.Mode == AccountMode.Live)
        {
            Error = text["Validation.XUserUnknownOnLiveAccount"];
            return Page();
        }

        // The new pair replaces the old one only now that it exists: a failed reconnection never wipes working tokens,
        // and an answer without a refresh token keeps the one already stored.
        var previousRefreshToken = account.ProtectedCredentials is { } stored && account.AuthKind == AccountAuthKind.OAuth2Pkce
            ? protector.Unprotect(stored).RefreshToken
            : null;
        protector.Store(account, XAccountCredentials.OAuth2(tokens.AccessToken, tokens.RefreshToken ?? previousRefreshToken, tokens.ExpiresAtUtc));
        account.State = AccountState.Connected;
        // Unknown until verified when X did not say who the tokens are for: the account cannot go live until then.
        account.RemoteUserId = user?.Id;
        if (user is not null)
        {
            account.Handle = user.Username;
            account.LastVerifiedAtUtc = now;
        }

        AdminAudit.Add(db, currentUser, now, "account.connected", "PublishingAccount", account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), account.DepartmentId, "OAuth 2.0 PKCE @" + account.Handle);
        if (await XAccountOwnership.SaveUnlessTakenAsync(db, account.Id, account.RemoteUserId, cancellationToken) is { } raced)
        {
            Error = AlreadyConnected(account.Handle, raced);
            return Page();
        }

        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.Connected"], account.Handle);
        return Redirect($"/Admin/Accounts/{account.DepartmentId}");
    }

    private string AlreadyConnected(string handle, string departmentCode) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.AccountAlreadyConnected"], handle, departmentCode);

    private PkceState? ReadState()
    {
        if (!Request.Cookies.TryGetValue(EditModel.PkceCookie, out var cookie))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PkceState>(dataProtection.CreateProtector(PkceState.Purpose).Unprotect(cookie));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}
