using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>
/// Decrypts a live account's credentials and gives the authentication for its requests. OAuth 2.0 access tokens are
/// refreshed 5 minutes before they expire, by one caller at a time per account across instances (a conditional lease
/// on the account row, <see cref="XAccountRefreshLease"/>); the others wait for the new tokens. The rotated refresh
/// token is saved before the new access token is used: X invalidates a refresh token once used, so losing the new one
/// would lose the account. A refused refresh reads the account again and uses newer credentials when they changed
/// meanwhile; every "à reconnecter" write is conditional on the credentials read.
/// </summary>
public sealed class XAccountAuthProvider(
    PoliceFeedsDbContext db,
    CredentialProtector protector,
    IXOAuth2Client oauth2,
    IOptions<XApiOptions> options,
    TimeProvider timeProvider,
    ILogger<XAccountAuthProvider> logger) : IXAccountAuthProvider
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan WaitPoll = TimeSpan.FromMilliseconds(100);
    private const int MaxRefreshes = 3;

    private readonly XAccountRefreshLease _lease = new(db, timeProvider, options.Value.RefreshLeaseDuration);

    public async Task<XAuth?> GetAuthAsync(int accountId, CancellationToken cancellationToken)
    {
        var waitStarted = Stopwatch.GetTimestamp();
        var refreshes = 0;
        while (true)
        {
            // The stored credentials, not a copy tracked from an earlier call: an administrator may have reconnected the
            // account, or another instance refreshed its tokens, since then.
            var account = await ReadAsync(accountId, cancellationToken);
            if (account is null || account.State != AccountState.Connected || account.ProtectedCredentials is null)
            {
                return null;
            }

            var credentials = protector.Unprotect(account.ProtectedCredentials);
            switch (credentials.Kind)
            {
                case AccountAuthKind.OAuth1UserContext:
                    var o = options.Value;
                    if (string.IsNullOrEmpty(o.ConsumerKey) || string.IsNullOrEmpty(o.ConsumerSecret))
                    {
                        logger.LogError("XApi:ConsumerKey and XApi:ConsumerSecret are required for OAuth 1.0a accounts");
                        return null;
                    }

                    return new XAuth.OAuth1(o.ConsumerKey, o.ConsumerSecret, credentials.AccessToken!, credentials.AccessTokenSecret!);
                case AccountAuthKind.OAuth2Pkce:
                    if (credentials.AccessTokenExpiresAtUtc > Now + RefreshMargin)
                    {
                        return new XAuth.Bearer(credentials.AccessToken!);
                    }

                    if (credentials.RefreshToken is null)
                    {
                        if (await MarkIfUnchangedAsync(account, "no refresh token", cancellationToken))
                        {
                            return null;
                        }

                        continue;
                    }

                    if (await _lease.TryTakeAsync(account, cancellationToken) is not { } lease)
                    {
                        // Another caller (worker, job, instance, "Vérifier") is refreshing: wait for its tokens.
                        if (Stopwatch.GetElapsedTime(waitStarted) > options.Value.RefreshWaitTimeout)
                        {
                            logger.LogWarning("Account {AccountId}: another refresh of its OAuth 2.0 token is still under way; giving up for now", accountId);
                            return null;
                        }

                        await Task.Delay(WaitPoll, cancellationToken);
                        continue;
                    }

                    var refreshed = await RefreshAsync(account, credentials.RefreshToken, lease, cancellationToken);
                    if (refreshed is RefreshResult.Done(var auth))
                    {
                        return auth;
                    }

                    if (refreshed is RefreshResult.Failed || ++refreshes >= MaxRefreshes)
                    {
                        return null;
                    }

                    continue;
                default:
                    return null;
            }
        }
    }

    public async Task<bool> MarkNeedsReconnectingAsync(int accountId, XAuth used, CancellationToken cancellationToken)
    {
        var account = await ReadAsync(accountId, cancellationToken);
        if (account?.ProtectedCredentials is null)
        {
            return false;
        }

        if (account.State != AccountState.Connected)
        {
            return true;
        }

        var credentials = protector.Unprotect(account.ProtectedCredentials);
        var same = used switch
        {
            XAuth.Bearer bearer => credentials.Kind == AccountAuthKind.OAuth2Pkce && credentials.AccessToken == bearer.AccessToken,
            XAuth.OAuth1 o => credentials.Kind == AccountAuthKind.OAuth1UserContext && credentials.AccessToken == o.AccessToken && credentials.AccessTokenSecret == o.AccessTokenSecret,
            _ => false,
        };
        return same && await MarkIfUnchangedAsync(account, "X refused its credentials (401)", cancellationToken);
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    private Task<PublishingAccount?> ReadAsync(int accountId, CancellationToken cancellationToken) =>
        db.PublishingAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);

    /// <summary>Refreshes with the lease held, and saves the rotated pair before anything else.</summary>
    private async Task<RefreshResult> RefreshAsync(PublishingAccount account, string refreshToken, Guid lease, CancellationToken cancellationToken)
    {
        XOutcome<XTokenSet> outcome;
        try
        {
            outcome = await oauth2.RefreshAsync(refreshToken, cancellationToken);
        }
        catch
        {
            await _lease.ReleaseAsync(account.Id, lease);
            throw;
        }

        switch (outcome)
        {
            case XOutcome<XTokenSet>.Success(var tokens):
                {
                    var stored = protector.Protect(XAccountCredentials.OAuth2(tokens.AccessToken, tokens.RefreshToken ?? refreshToken, tokens.ExpiresAtUtc));
                    // X has rotated the token: the save must happen even if the caller gave up meanwhile.
                    if (await _lease.SaveRotatedAsync(account, stored, lease))
                    {
                        logger.LogInformation("Account {AccountId}: OAuth 2.0 token refreshed", account.Id);
                        return new RefreshResult.Done(new XAuth.Bearer(tokens.AccessToken));
                    }

                    logger.LogWarning("Account {AccountId}: its credentials were replaced during the refresh (reconnected); using the new ones", account.Id);
                    return new RefreshResult.Retry();
                }

            case XOutcome<XTokenSet>.Unauthorized or XOutcome<XTokenSet>.Rejected:
                {
                    // Refused: the token may have been used by someone who saved a newer pair meanwhile.
                    var current = await ReadAsync(account.Id, cancellationToken);
                    if (current is not null && current.ProtectedCredentials != account.ProtectedCredentials)
                    {
                        await _lease.ReleaseAsync(account.Id, lease);
                        logger.LogInformation("Account {AccountId}: refresh refused, but newer credentials were saved meanwhile; using them", account.Id);
                        return new RefreshResult.Retry();
                    }

                    return await MarkIfUnchangedAsync(account, "refresh token refused", cancellationToken) ? new RefreshResult.Failed() : new RefreshResult.Retry();
                }

            default:
                // Transient: the account stays as it is; the caller holds its work and comes back later.
                await _lease.ReleaseAsync(account.Id, lease);
                return new RefreshResult.Failed();
        }
    }

    /// <summary>"À reconnecter", only if the credentials are still those read (and the refresh lease ends with it).</summary>
    private async Task<bool> MarkIfUnchangedAsync(PublishingAccount read, string why, CancellationToken cancellationToken)
    {
        var marked = read.ProtectedCredentials is { } used && await Publishing.AccountReconnection.MarkIfUnchangedAsync(db, read.Id, used, cancellationToken);
        if (marked)
        {
            logger.LogWarning("Account {AccountId} needs reconnecting: {Why}", read.Id, why);
        }
        else
        {
            logger.LogInformation("Account {AccountId}: not marked as needing reconnection ({Why}): its credentials changed meanwhile", read.Id, why);
        }

        return marked;
    }

    private abstract record RefreshResult
    {
        public sealed record Done(XAuth Auth) : RefreshResult;

        public sealed record Retry : RefreshResult;

        public sealed record Failed : RefreshResult;
    }
}
