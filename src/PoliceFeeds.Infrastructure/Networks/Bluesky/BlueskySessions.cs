using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing.Channels;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>The account's PDS, DID and a usable access token, for one call.</summary>
public sealed record BlueskyAuth(string Server, string Did, string Handle, string AccessJwt);

/// <summary>
/// Runs a call with the account's session: refreshes it ahead of its expiry, or when the PDS refuses the access token
/// (then the call is made once more). One refresh at a time per account across instances (the refresh lease on the
/// account row); the others wait for its tokens. A refused refresh token falls back to a new session with the app
/// password; only a refused app password marks the account "à reconnecter", and only if its credentials are still
/// those read (an administrator may have reconnected it meanwhile: then it is not the account's fault).
/// </summary>
public sealed class BlueskySessions(IBlueskyConnectionStore store, BlueskyClient client, TimeProvider timeProvider, ILogger<BlueskySessions> logger)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WaitPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    /// <summary>The call's value, or the channel outcome that stops it (no credentials, to reconnect, unsent...).</summary>
    public async Task<SessionCall<T>> RunAsync<T>(ChannelAccount account, Func<BlueskyAuth, CancellationToken, Task<BlueskyResult<T>>> call, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(account.Id, cancellationToken) is not { } connection)
        {
            return new SessionCall<T>(null, new ChannelOutcome.NoCredentials());
        }

        if (connection.Credentials.AccessJwt is null || connection.Credentials.AccessExpiresAtUtc <= Now + RefreshMargin)
        {
            var renewed = await RenewAsync(account, connection, cancellationToken);
            if (renewed.Connection is null)
            {
                return new SessionCall<T>(null, renewed.Failure);
            }

            connection = renewed.Connection;
        }

        var result = await call(Auth(account, connection), cancellationToken);
        if (result is not BlueskyResult<T>.Failed { Failure.Kind: BlueskyFailureKind.TokenRejected } rejected)
        {
            return new SessionCall<T>(result, null);
        }

        logger.LogInformation("Bluesky account {AccountId}: access token refused ({Error}); renewing the session", account.Id, rejected.Failure.Error);
        var again = await RenewAsync(account, connection, cancellationToken);
        return again.Connection is null
            ? new SessionCall<T>(null, again.Failure)
            : new SessionCall<T>(await call(Auth(account, again.Connection), cancellationToken), null);
    }

    /// <summary>A new session: another caller's, a refreshed one, or a new one from the app password.</summary>
    private async Task<(BlueskyConnection? Connection, ChannelOutcome? Failure)> RenewAsync(ChannelAccount account, BlueskyConnection read, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await store.TryTakeRefreshLeaseAsync(read, cancellationToken) is { } lease)
            {
                return await RenewWithLeaseAsync(Server(account, read), read, lease, cancellationToken);
            }

            // Someone else holds the lease, or the credentials changed since they were read: use theirs when they come.
            var current = await store.GetAsync(read.AccountId, cancellationToken);
            if (current is null)
            {
                return (null, new ChannelOutcome.Unauthorized("compte Bluesky à reconnecter", CredentialsChanged: false));
            }

            if (current.Stamp != read.Stamp)
            {
                if (current.Credentials.AccessJwt is not null)
                {
                    return (current, null);
                }

                // Reconnected with an app password only: that one needs a session of its own.
                read = current;
                continue;
            }

            if (Stopwatch.GetElapsedTime(started) > WaitLimit)
            {
                return (null, new ChannelOutcome.NotSent("une autre instance renouvelle la session Bluesky du compte"));
            }

            await Task.Delay(WaitPoll, cancellationToken);
        }
    }

    private async Task<(BlueskyConnection? Connection, ChannelOutcome? Failure)> RenewWithLeaseAsync(string server, BlueskyConnection read, Guid lease, CancellationToken cancellationToken)
    {
        var credentials = read.Credentials;
        try
        {
            BlueskyResult<BlueskySession>? refreshed = null;
            if (credentials.RefreshJwt is not null)
            {
                refreshed = await client.RefreshSessionAsync(server, credentials.RefreshJwt, cancellationToken);
            }

            if (refreshed is null or BlueskyResult<BlueskySession>.Failed { Failure.Kind: BlueskyFailureKind.TokenRejected or BlueskyFailureKind.Refused })
            {
                // No refresh token, or refused (expired after 90 days, revoked): a new session from the app password.
                refreshed = await client.CreateSessionAsync(server, credentials.Did, credentials.AppPassword, cancellationToken);
            }

            switch (refreshed)
            {
                case BlueskyResult<BlueskySession>.Ok(var session):
                    // Saved even if the caller gave up meanwhile: the PDS has rotated the refresh token. If the account was
                    // reconnected meanwhile, the administrator's credentials win.
                    var saved = await store.SaveSessionAsync(read, session, lease, CancellationToken.None);
                    var current = await store.GetAsync(read.AccountId, cancellationToken);
                    return current is not null
                        ? (current, null)
                        : (null, new ChannelOutcome.Unauthorized("compte Bluesky à reconnecter", CredentialsChanged: !saved));
                case BlueskyResult<BlueskySession>.Failed { Failure.Kind: BlueskyFailureKind.AuthenticationRefused or BlueskyFailureKind.TokenRejected } refused:
                    var marked = await store.MarkNeedsReconnectingAsync(read, cancellationToken);
                    logger.LogWarning("Bluesky account {AccountId}: app password refused ({Detail}); marked to reconnect: {Marked}", read.AccountId, refused.Failure.Detail, marked);
                    return (null, new ChannelOutcome.Unauthorized(refused.Failure.Detail, CredentialsChanged: !marked));
                case BlueskyResult<BlueskySession>.Failed { Failure: var failure }:
                    return (null, failure.Kind == BlueskyFailureKind.RateLimited
                        ? new ChannelOutcome.RateLimited(failure.RetryAtUtc!.Value, failure.Detail)
                        : failure.Kind == BlueskyFailureKind.Refused
                            ? new ChannelOutcome.Rejected(failure.StatusCode, failure.Detail)
                            : new ChannelOutcome.NotSent(failure.Detail));
                default:
                    throw new UnreachableException();
            }
        }
        finally
        {
            await store.ReleaseRefreshLeaseAsync(read.AccountId, lease);
        }
    }

    private static BlueskyAuth Auth(ChannelAccount account, BlueskyConnection connection) =>
        new(Server(account, connection), connection.Credentials.Did, connection.Credentials.Handle, connection.Credentials.AccessJwt!);

    /// <summary>The account's PDS: <see cref="ChannelAccount.ServerUrl"/> when the account row has it, else the one connected to.</summary>
    private static string Server(ChannelAccount account, BlueskyConnection connection) => account.ServerUrl ?? connection.Credentials.ServerUrl;

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;
}

/// <summary>A call made with the account's session: its result, or why it could not be made.</summary>
public sealed record SessionCall<T>(BlueskyResult<T>? Result, ChannelOutcome? Stopped);
