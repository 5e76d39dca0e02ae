using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Mastodon;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>
/// A department's Mastodon accounts: "Connecter" registers PoliceFeeds on the instance (once per instance) and sends the
/// admin to the instance's authorize page, with a state kept in a protected cookie; <see cref="MastodonCallbackModel"/>
/// finishes. The list, training or live and disconnect are every network's (<see cref="NetworkAccountsPageModel"/>).
/// </summary>
public sealed class MastodonModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    MastodonAccountConnector connector,
    IValidator<MastodonConnectInput> validator,
    IDataProtectionProvider dataProtection,
    IStringLocalizer<AdminText> text,
    PublishingSignal signal,
    TimeProvider timeProvider) : NetworkAccountsPageModel(db, currentUser, text, signal, timeProvider)
{
    public const string StateCookie = "PoliceFeeds.MastodonConnect";

    public override PublishingNetwork Network => PublishingNetwork.Mastodon;

    [BindProperty]
    public MastodonConnectInput Input { get; set; } = new();

    /// <summary>The account's full address: its user name and its instance (<c>@police44@social.example.fr</c>).</summary>
    public override string DisplayHandle(PublishingAccount account) =>
        account.ServerUrl is { } server && Uri.TryCreate(server, UriKind.Absolute, out var uri) ? $"@{account.Handle}@{uri.Authority}" : "@" + account.Handle;

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

        var instance = MastodonInstance.Parse(Input.InstanceUrl!.Trim());
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var started = await connector.StartAsync(instance, MastodonCallbackModel.RedirectUri(Request), state, cancellationToken);
        if (started.AuthorizeUrl is not { } authorize)
        {
            ModelState.AddModelError("Input.InstanceUrl", string.Format(
                CultureInfo.CurrentCulture,
                Text[started.Result == MastodonConnectResult.Refused ? "Validation.MastodonAppRefused" : "Validation.MastodonUnavailable"],
                instance.Authority,
                started.Detail));
            return Page();
        }

        var payload = JsonSerializer.Serialize(new MastodonConnectState(state, Department.Id, instance.AbsoluteUri, Now.AddMinutes(10)));
        Response.Cookies.Append(StateCookie, dataProtection.CreateProtector(MastodonConnectState.Purpose).Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(10),
            Path = "/Admin/Accounts",
        });
        return Redirect(authorize.AbsoluteUri);
    }
}

/// <summary>What the callback needs to trust the instance's answer: the state sent, for which department and instance, until when.</summary>
public sealed record MastodonConnectState(string State, int DepartmentId, string InstanceUrl, DateTime ExpiresAtUtc)
{
    public const string Purpose = "PoliceFeeds.MastodonConnect.State.v1";
}

public sealed class MastodonConnectInput
{
    /// <summary>The instance's address (<c>https://social.example.fr</c>; the scheme may be left out).</summary>
    public string? InstanceUrl { get; set; }
}

public sealed class MastodonConnectInputValidator : AbstractValidator<MastodonConnectInput>
{
    public MastodonConnectInputValidator(IStringLocalizer<AdminText> text, IHostEnvironment environment)
    {
        RuleFor(i => i.InstanceUrl).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => text["Validation.MastodonInstanceRequired"])
            .MaximumLength(PublishingAccount.MaxServerUrlLength).WithMessage(_ => text["Validation.MastodonInstance"])
            .Must(s => IsInstance(s!.Trim(), environment.IsProduction())).WithMessage(_ => text["Validation.MastodonInstance"]);
    }

    /// <summary>
    /// An https address with a host and nothing after it (a path, a query, credentials). Outside production plain http
    /// is accepted on loopback only (a local test instance).
    /// </summary>
    public static bool IsInstance(string value, bool production)
    {
        var text = value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.HostNameType is UriHostNameType.Unknown || uri.UserInfo.Length > 0
            || uri.PathAndQuery != "/" || uri.Fragment.Length > 0)
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps || (!production && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
    }
}
