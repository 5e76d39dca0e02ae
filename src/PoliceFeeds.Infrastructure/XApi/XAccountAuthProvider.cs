using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PoliceFeeds.Core.XAccounts;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Security;

namespace PoliceFeeds.Infrastructure.XApi;

/// <summary>
/// Decrypts a live account's credentials and gives the authentication for its requests. OAuth 2.0 access tokens are
/// refreshed 5 minutes before they expire, and the rotated refresh token is saved before the new access token is used:
/// X invalidates the old refresh token once it is used, so losing the new one would lose the account.
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

    public async Task<XAuth?> GetAuthAsync(int accountId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // The stored credentials, not a copy this context tracks from an earlier call: an administrator may have
            // reconnected the account, or another instance refreshed its tokens, since then.
            foreach (var tracked in db.ChangeTracker.Entries<XAccount>().Where(e => e.Entity.Id == accountId).ToList())
            {
                tracked.State = EntityState.Detached;
            }

            var account = await db.XAccounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
            if (account is null || account.State != XAccountState.Connected || account.ProtectedCredentials is null)
            {
                return null;
            }

            var credentials = protector.Unprotect(account.ProtectedCredentials);
            switch (credentials.Kind)
            {
                case XAuthKind.OAuth1UserContext:
                    var o = options.Value;
                    if (string.IsNullOrEmpty(o.ConsumerKey) || string.IsNullOrEmpty(o.ConsumerSecret))
                    {
                        logger.LogError("XApi:ConsumerKey and XApi:ConsumerSecret are required for OAuth 1.0a accounts");
                        return null;
                    }

                    return new XAuth.OAuth1(o.ConsumerKey, o.ConsumerSecret, credentials.AccessToken!, credentials.AccessTokenSecret!);
                case XAuthKind.OAuth2Pkce:
                    if (credentials.AccessTokenExpiresAtUtc > timeProvider.GetUtcNow().UtcDateTime + RefreshMargin)
                    {
                        return new XAuth.Bearer(credentials.AccessToken!);
                    }

                    var refreshed = await RefreshAsync(account, credentials, cancellationToken);
                    if (refreshed is RefreshResult.Done(var auth))
                    {
                        return auth;
                    }

                    if (refreshed is RefreshResult.Failed)
                    {
                        return null;
                    }

                    // Another instance refreshed at the same time and saved first: read its tokens again.
                    db.ChangeTracker.Clear();
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private async Task<RefreshResult> RefreshAsync(XAccount account, XAccountCredentials credentials, CancellationToken cancellationToken)
    {
        if (credentials.RefreshToken is null)
        {
            await MarkNeedsReconnectingAsync(account, "no refresh token", cancellationToken);
            return new RefreshResult.Failed();
        }

        var outcome = await oauth2.RefreshAsync(credentials.RefreshToken, cancellationToken);
        switch (outcome)
        {
            case XOutcome<XTokenSet>.Success(var tokens):
                protector.Store(account, XAccountCredentials.OAuth2(tokens.AccessToken, tokens.RefreshToken ?? credentials.RefreshToken, tokens.ExpiresAtUtc));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    logger.LogWarning("Account {AccountId}: concurrent token refresh, using the tokens saved by the other instance", account.Id);
                    return new RefreshResult.Conflict();
                }

                logger.LogInformation("Account {AccountId}: OAuth 2.0 token refreshed", account.Id);
                return new RefreshResult.Done(new XAuth.Bearer(tokens.AccessToken));
            case XOutcome<XTokenSet>.Unauthorized or XOutcome<XTokenSet>.Rejected:
                await MarkNeedsReconnectingAsync(account, "refresh token refused", cancellationToken);
                return new RefreshResult.Failed();
            default:
                // Transient: keep the account as it is; the message is held and retried.
                return new RefreshResult.Failed();
        }
    }

    private async Task MarkNeedsReconnectingAsync(XAccount account, string why, CancellationToken cancellationToken)
    {
        logger.LogWarning("Account {AccountId} needs reconnecting: {Why}", account.Id, why);
        await db.XAccounts.Where(a => a.Id == account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, XAccountState.NeedsReconnecting).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
    }

    private abstract record RefreshResult
    {
        public sealed record Done(XAuth Auth) : RefreshResult;

        public sealed record Conflict : RefreshResult;

        public sealed record Failed : RefreshResult;
    }
}
