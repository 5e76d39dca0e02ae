using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;

namespace PoliceFeeds.Infrastructure.Networks.Bluesky;

/// <summary>What connecting a Bluesky account came to (the admin page words it).</summary>
public enum BlueskyConnectResult
{
    Connected,

    /// <summary>The PDS refused the identifier or the app password.</summary>
    Refused,

    /// <summary>The PDS could not be reached or answered an error: nothing was saved.</summary>
    Unavailable,

    /// <summary>This Bluesky account (its DID) is already another department's.</summary>
    TakenByAnotherDepartment,
}

public sealed record BlueskyConnectOutcome(BlueskyConnectResult Result, int? AccountId = null, string? Handle = null, string? Detail = null);

/// <summary>
/// Connects a department to a Bluesky account: opens a session with the identifier and an app password (which proves
/// both), then saves the account (new ones start on the training timeline, like any new account) and its encrypted
/// credentials. The same DID again for the same department reconnects its account.
/// </summary>
public sealed class BlueskyAccountConnector(PoliceFeedsDbContext db, BlueskyClient client, IBlueskyConnectionStore store)
{
    public async Task<BlueskyConnectOutcome> ConnectAsync(int departmentId, string serverUrl, string identifier, string appPassword, CancellationToken cancellationToken)
    {
        var opened = await client.CreateSessionAsync(serverUrl, identifier, appPassword, cancellationToken);
        if (opened is not BlueskyResult<BlueskySession>.Ok(var session))
        {
            var failure = ((BlueskyResult<BlueskySession>.Failed)opened).Failure;
            return new BlueskyConnectOutcome(
                failure.Kind is BlueskyFailureKind.AuthenticationRefused or BlueskyFailureKind.TokenRejected ? BlueskyConnectResult.Refused : BlueskyConnectResult.Unavailable,
                Detail: failure.Detail);
        }

        if (await db.PublishingAccounts.AnyAsync(a => a.Network == PublishingNetwork.Bluesky && a.RemoteUserId == session.Did && a.DepartmentId != departmentId, cancellationToken))
        {
            return new BlueskyConnectOutcome(BlueskyConnectResult.TakenByAnotherDepartment, Handle: session.Handle);
        }

        var account = await db.PublishingAccounts.SingleOrDefaultAsync(a => a.DepartmentId == departmentId && a.Network == PublishingNetwork.Bluesky && a.RemoteUserId == session.Did, cancellationToken);
        if (account is null)
        {
            account = new PublishingAccount { DepartmentId = departmentId, Network = PublishingNetwork.Bluesky, Handle = session.Handle, Mode = AccountMode.Sandbox };
            db.PublishingAccounts.Add(account);
        }

        account.Handle = session.Handle;
        await db.SaveChangesAsync(cancellationToken);
        var credentials = new BlueskyCredentials { ServerUrl = serverUrl, Did = session.Did, Handle = session.Handle, AppPassword = appPassword }.WithSession(session);
        await store.SaveAsync(account.Id, credentials, cancellationToken);
        return new BlueskyConnectOutcome(BlueskyConnectResult.Connected, account.Id, session.Handle);
    }
}
