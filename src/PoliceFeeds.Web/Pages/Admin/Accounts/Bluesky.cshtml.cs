using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Accounts;

/// <summary>
/// A department's Bluesky accounts: connect one with its handle and an app password (checked by opening a session on its
/// server); the list, training or live and disconnect are every network's (<see cref="NetworkAccountsPageModel"/>).
/// </summary>
public sealed class BlueskyModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    BlueskyAccountConnector connector,
    IValidator<BlueskyConnectInput> validator,
    IStringLocalizer<AdminText> text,
    PublishingSignal signal,
    TimeProvider timeProvider) : NetworkAccountsPageModel(db, currentUser, text, signal, timeProvider)
{
    public override PublishingNetwork Network => PublishingNetwork.Bluesky;

    [BindProperty]
    public BlueskyConnectInput Input { get; set; } = new();

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
                return await ConnectedAsync(outcome.AccountId!.Value, "@" + outcome.Handle, "Flash.BlueskyConnected", cancellationToken);
            case BlueskyConnectResult.Refused:
                ModelState.AddModelError("Input.AppPassword", Text["Validation.BlueskyRefused"]);
                break;
            case BlueskyConnectResult.TakenByAnotherDepartment:
                ModelState.AddModelError("Input.Identifier", string.Format(CultureInfo.CurrentCulture, Text["Validation.BlueskyTaken"], outcome.Handle));
                break;
            default:
                ModelState.AddModelError(string.Empty, string.Format(CultureInfo.CurrentCulture, Text["Validation.BlueskyUnavailable"], outcome.Detail));
                break;
        }

        return Page();
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
