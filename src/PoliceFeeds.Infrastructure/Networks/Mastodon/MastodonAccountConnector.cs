using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Networks.Mastodon;

/// <summary>What connecting a Mastodon account came to (the admin page words it).</summary>
public enum MastodonConnectResult
{
    Connected,

    /// <summary>The instance refused the app or the code (a code already used, expired, or for another app).</summary>
    Refused,

    /// <summary>The instance could not be reached or answered an error: nothing was saved.</summary>
    Unavailable,

    /// <summary>This Mastodon account is already another department's.</summary>
    TakenByAnotherDepartment,
}

public sealed record MastodonConnectOutcome(MastodonConnectResult Result, int? AccountId = null, string? Handle = null, string? Detail = null, Uri? AuthorizeUrl = null);

/// <summary>
/// Connects a department to a Mastodon account in two steps around the administrator's visit to the instance: first the
/// app (registered once per instance and redirect address, then reused) and the instance's authorize address; then, with
/// the code the instance gave back, the access token, the account behind it (<c>verify_credentials</c>) and the instance's
/// limits, saved on the account (new ones start on the training timeline). Any refusal or failure saves nothing.
/// </summary>
public sealed class MastodonAccountConnector(PoliceFeedsDbContext db, MastodonClient client, MastodonInstanceApps apps, IMastodonConnections connections)
{
    /// <summary>The instance's authorize address for <paramref name="state"/> (the app registered there first if need be).</summary>
    public async Task<MastodonConnectOutcome> StartAsync(Uri instance, string redirectUri, string state, CancellationToken cancellationToken)
    {
        var app = await apps.GetOrRegisterAsync(instance, redirectUri, cancellationToken);
        return app.Value is { } registered
            ? new MastodonConnectOutcome(MastodonConnectResult.Connected, AuthorizeUrl: client.AuthorizationUrl(registered, state))
            : Failed(app.Failure!);
    }

    public async Task<MastodonConnectOutcome> CompleteAsync(int departmentId, Uri instance, string redirectUri, string code, CancellationToken cancellationToken)
    {
        if (await apps.FindAsync(instance, redirectUri, cancellationToken) is not { } app)
        {
            return new MastodonConnectOutcome(MastodonConnectResult.Refused, Detail: "no app registered on this instance");
        }

        var token = await client.ExchangeCodeAsync(app, code, cancellationToken);
        if (token.Value is not { } accessToken)
        {
            return Failed(token.Failure!);
        }

        var me = await client.VerifyCredentialsAsync(new MastodonAuth(instance, accessToken), cancellationToken);
        if (me.Value is not { } info)
        {
            return Failed(me.Failure!);
        }

        if (await db.PublishingAccounts.AnyAsync(a => a.Network == PublishingNetwork.Mastodon && a.RemoteUserId == info.Id && a.DepartmentId != departmentId, cancellationToken))
        {
            return new MastodonConnectOutcome(MastodonConnectResult.TakenByAnotherDepartment, Handle: Handle(info));
        }

        // An instance older than 4.0 has no /api/v2/instance: its limits stay unknown (the defaults apply).
        var limits = (await client.GetInstanceLimitsAsync(instance, cancellationToken)).Value;
        var account = await db.PublishingAccounts.SingleOrDefaultAsync(a => a.DepartmentId == departmentId && a.Network == PublishingNetwork.Mastodon && a.RemoteUserId == info.Id, cancellationToken);
        if (account is null)
        {
            account = new PublishingAccount { DepartmentId = departmentId, Network = PublishingNetwork.Mastodon, Handle = Handle(info), Mode = AccountMode.Sandbox };
            db.PublishingAccounts.Add(account);
        }

        account.Handle = Handle(info);
        account.MaxTextLength = limits?.MaxCharacters;
        account.CharactersPerUrl = limits?.CharactersReservedPerUrl;
        account.MaxAltTextLength = limits?.DescriptionLimit;
        await db.SaveChangesAsync(cancellationToken);
        await connections.SaveAsync(account.Id, new MastodonCredentials(instance.AbsoluteUri, app.ClientId, app.ClientSecret, accessToken, info.Id), cancellationToken);
        return new MastodonConnectOutcome(MastodonConnectResult.Connected, account.Id, account.Handle);
    }

    /// <summary>The account's user name on its instance (the page shows it with the instance; post addresses use it).</summary>
    private static string Handle(MastodonAccountInfo info) => info.Username.Length > 0 ? info.Username : info.Acct;

    private static MastodonConnectOutcome Failed(ChannelOutcome failure) => failure switch
    {
        ChannelOutcome.Unauthorized(var detail, _) => new MastodonConnectOutcome(MastodonConnectResult.Refused, Detail: detail),
        ChannelOutcome.Rejected(var status, var detail) when status is >= 400 and < 500 && status != 429 => new MastodonConnectOutcome(MastodonConnectResult.Refused, Detail: detail),
        ChannelOutcome.Rejected(var status, var detail) => new MastodonConnectOutcome(MastodonConnectResult.Unavailable, Detail: $"{status} {detail}"),
        ChannelOutcome.NotSent(var detail) => new MastodonConnectOutcome(MastodonConnectResult.Unavailable, Detail: detail),
        ChannelOutcome.Ambiguous(var detail) => new MastodonConnectOutcome(MastodonConnectResult.Unavailable, Detail: detail),
        ChannelOutcome.RateLimited(_, var detail) => new MastodonConnectOutcome(MastodonConnectResult.Unavailable, Detail: detail),
        _ => new MastodonConnectOutcome(MastodonConnectResult.Unavailable, Detail: failure.GetType().Name),
    };
}
