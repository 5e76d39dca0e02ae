using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Departments;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Infrastructure.Security;
using PoliceFeeds.Infrastructure.XApi;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>A department's X account: connect (OAuth 2.0 PKCE or OAuth 1.0a tokens), verify, live or sandbox, disconnect.</summary>
public sealed class EditModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    CredentialProtector protector,
    IXOAuth2Client oauth2,
    IXApiClient x,
    IXAccountAuthProvider authProvider,
    IValidator<OAuth1Input> validator,
    IDataProtectionProvider dataProtection,
    IStringLocalizer<AdminText> text,
    PublishingSignal signal,
    Microsoft.Extensions.Options.IOptions<XApiOptions> xApiOptions,
    TimeProvider timeProvider) : PageModel
{
    public const string PkceCookie = "PoliceFeeds.XConnect";

    public Department Department { get; private set; } = null!;

    public PublishingAccount Account { get; private set; } = null!;

    [BindProperty]
    public OAuth1Input OAuth1 { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int departmentId, CancellationToken cancellationToken) =>
        await LoadAsync(departmentId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostOAuth1Async(int departmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken))
        {
            return NotFound();
        }

        var result = await validator.ValidateAsync(OAuth1, cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("OAuth1." + error.PropertyName, error.ErrorMessage);
            }

            return Page();
        }

        // Who the tokens are for, when the national app's keys are configured: X refusing them, or an X account already
        // connected to another department, is refused and changes nothing.
        var o = xApiOptions.Value;
        XUser? user = null;
        if (!string.IsNullOrEmpty(o.ConsumerKey) && !string.IsNullOrEmpty(o.ConsumerSecret))
        {
            var me = await x.GetMeAsync(new XAuth.OAuth1(o.ConsumerKey, o.ConsumerSecret, OAuth1.AccessToken!.Trim(), OAuth1.AccessTokenSecret!.Trim()), cancellationToken);
            if (me is XOutcome<XUser>.Unauthorized)
            {
                ModelState.AddModelError(string.Empty, text["Validation.TokensRefused"]);
                return Page();
            }

            user = me is XOutcome<XUser>.Success(var found) ? found : null;
            if (user is not null && await XAccountOwnership.OtherDepartmentCodeAsync(db, Account.Id, user.Id, cancellationToken) is { } other)
            {
                ModelState.AddModelError(string.Empty, AlreadyConnected(user.Username, other));
                return Page();
            }
        }

        // A live account never publishes for an X user nobody checked: without it, the tokens are not taken.
        if (user is null && Account.Mode == AccountMode.Live)
        {
            ModelState.AddModelError(string.Empty, text["Validation.XUserUnknownOnLiveAccount"]);
            return Page();
        }

        protector.Store(Account, XAccountCredentials.OAuth1(OAuth1.AccessToken!.Trim(), OAuth1.AccessTokenSecret!.Trim()));
        Account.State = AccountState.Connected;
        Account.RemoteUserId = user?.Id;
        if (user is not null)
        {
            Account.Handle = user.Username;
            Account.LastVerifiedAtUtc = Now;
        }

        AdminAudit.Add(db, currentUser, Now, "account.credentials_updated", "PublishingAccount", Account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Department.Id, "OAuth 1.0a");
        return await SaveAndReturnAsync("Flash.CredentialsSaved", cancellationToken);
    }

    public async Task<IActionResult> OnPostModeAsync(int departmentId, AccountMode mode, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken) || !Enum.IsDefined(mode))
        {
            return NotFound();
        }

        if (mode == AccountMode.Live && Account.ProtectedCredentials is null)
        {
            ModelState.AddModelError(string.Empty, text["Validation.LiveNeedsCredentials"]);
            return Page();
        }

        // One department per X account is checked against the X user id: not live until it is known ("Vérifier").
        if (mode == AccountMode.Live && Account.RemoteUserId is null)
        {
            ModelState.AddModelError(string.Empty, text["Validation.LiveNeedsXUser"]);
            return Page();
        }

        AccountChanges.SetMode(db, currentUser, Now, Account, mode, mode.ToString());
        return await SaveAndReturnAsync("Flash.ModeChanged", cancellationToken);
    }

    public async Task<IActionResult> OnPostDisconnectAsync(int departmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken))
        {
            return NotFound();
        }

        // Disconnected, the X account is free to be connected to another department.
        AccountChanges.Disconnect(db, currentUser, Now, Account, null, forgetRemoteUser: true);
        return await SaveAndReturnAsync("Flash.Disconnected", cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyAsync(int departmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken))
        {
            return NotFound();
        }

        var auth = Account.ProtectedCredentials is null ? null : await authProvider.GetAuthAsync(Account.Id, cancellationToken);
        if (auth is null)
        {
            ModelState.AddModelError(string.Empty, text["Validation.NothingToVerify"]);
            await LoadAsync(departmentId, cancellationToken);
            return Page();
        }

        db.ChangeTracker.Clear();
        await LoadAsync(departmentId, cancellationToken);
        var me = await x.GetMeAsync(auth, cancellationToken);
        if (me is not XOutcome<XUser>.Success(var user))
        {
            if (me is XOutcome<XUser>.Unauthorized)
            {
                // Only if the credentials are still those X refused: a worker may have refreshed them meanwhile.
                await authProvider.MarkNeedsReconnectingAsync(Account.Id, auth, cancellationToken);
                db.ChangeTracker.Clear();
                await LoadAsync(departmentId, cancellationToken);
            }

            ModelState.AddModelError(string.Empty, string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.VerifyFailed"], Describe(me)));
            return Page();
        }

        // One department per X account (the unique index on RemoteUserId backs this check).
        if (await XAccountOwnership.OtherDepartmentCodeAsync(db, Account.Id, user.Id, cancellationToken) is { } other)
        {
            ModelState.AddModelError(string.Empty, AlreadyConnected(user.Username, other));
            return Page();
        }

        // Conditional writes: a worker or another instance may refresh the token while X answers (no concurrency
        // failure for that). "Connecté" only if the credentials are still those verified.
        var accountId = Account.Id;
        var verifiedCredentials = Account.ProtectedCredentials;
        var now = Now;
        var verified = await db.PublishingAccounts
            .Where(a => a.Id == accountId && a.ProtectedCredentials == verifiedCredentials)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Handle, user.Username).SetProperty(a => a.RemoteUserId, user.Id).SetProperty(a => a.LastVerifiedAtUtc, now)
                    .SetProperty(a => a.State, AccountState.Connected).SetProperty(a => a.Version, a => a.Version + 1),
                cancellationToken) == 1;
        if (!verified)
        {
            await db.PublishingAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Handle, user.Username).SetProperty(a => a.RemoteUserId, user.Id).SetProperty(a => a.LastVerifiedAtUtc, now)
                    .SetProperty(a => a.Version, a => a.Version + 1),
                cancellationToken);
        }

        db.ChangeTracker.Clear();
        AdminAudit.Add(db, currentUser, now, "account.verified", "PublishingAccount", accountId.ToString(System.Globalization.CultureInfo.InvariantCulture), Department.Id, "@" + user.Username);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.Verified"], user.Username);
        return RedirectToPage(new { departmentId });
    }

    /// <summary>"Connecter le compte X": sends the admin to X's authorize page with a fresh state and PKCE challenge.</summary>
    public async Task<IActionResult> OnPostConnectAsync(int departmentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(departmentId, cancellationToken))
        {
            return NotFound();
        }

        XAuthorizationRequest request;
        try
        {
            request = oauth2.CreateAuthorizationRequest(CallbackModel.RedirectUri(Request));
        }
        catch (InvalidOperationException)
        {
            ModelState.AddModelError(string.Empty, text["Validation.OAuth2NotConfigured"]);
            return Page();
        }

        var payload = JsonSerializer.Serialize(new PkceState(request.State, request.CodeVerifier, departmentId, Now.AddMinutes(10)));
        Response.Cookies.Append(PkceCookie, dataProtection.CreateProtector(PkceState.Purpose).Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(10),
            Path = "/Admin/Accounts",
        });
        return Redirect(request.AuthorizeUrl);
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    private string AlreadyConnected(string handle, string departmentCode) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.AccountAlreadyConnected"], handle, departmentCode);

    private async Task<IActionResult> SaveAndReturnAsync(string flash, CancellationToken cancellationToken)
    {
        try
        {
            if (await XAccountOwnership.SaveUnlessTakenAsync(db, Account.Id, Account.RemoteUserId, cancellationToken) is { } raced)
            {
                var departmentId = Department.Id;
                await LoadAsync(departmentId, cancellationToken);
                ModelState.AddModelError(string.Empty, AlreadyConnected(Account.Handle, raced));
                return Page();
            }
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
        var department = await db.Departments.Include(d => d.Accounts).SingleOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        if (department?.FirstAccountOn(PublishingNetwork.X) is not { } account)
        {
            return false;
        }

        Department = department;
        Account = account;
        return true;
    }

    private static string Describe(XOutcome<XUser> outcome) => outcome switch
    {
        XOutcome<XUser>.Unauthorized => "401",
        XOutcome<XUser>.RateLimited => "429",
        XOutcome<XUser>.TransientFailure(var d, _) => d,
        XOutcome<XUser>.Rejected(var s, var d) => $"{s} {d}",
        _ => "?",
    };
}

public sealed record PkceState(string State, string CodeVerifier, int DepartmentId, DateTime ExpiresAtUtc)
{
    public const string Purpose = "PoliceFeeds.XConnect.Pkce.v1";
}

public sealed class OAuth1Input
{
    public string? AccessToken { get; set; }

    public string? AccessTokenSecret { get; set; }
}

public sealed class OAuth1InputValidator : AbstractValidator<OAuth1Input>
{
    public OAuth1InputValidator(IStringLocalizer<AdminText> text)
    {
        RuleFor(i => i.AccessToken).NotEmpty().WithMessage(_ => text["Validation.TokenRequired"]).MaximumLength(500);
        RuleFor(i => i.AccessTokenSecret).NotEmpty().WithMessage(_ => text["Validation.TokenSecretRequired"]).MaximumLength(500);
    }
}
