using PoliceFeeds.Infrastructure.Networks.Bluesky;

namespace PoliceFeeds.UnitTests.Networks.Bluesky;

/// <summary>One connected account, in memory, with the same conditional writes as the database store.</summary>
internal sealed class FakeBlueskyConnectionStore(string did, DateTime now) : IBlueskyConnectionStore
{
    private int _version;

    public BlueskyConnection? Connection { get; private set; } = new(
        7,
        new BlueskyCredentials { ServerUrl = "https://pds.example", Did = did, Handle = "dipn44.bsky.social", AppPassword = "aaaa-bbbb-cccc-dddd", AccessJwt = "access", RefreshJwt = "refresh", AccessExpiresAtUtc = now.AddHours(2) },
        "v0");

    public bool Marked { get; private set; }

    public void ReplaceByAdministrator() => Connection = Connection! with { Credentials = Connection.Credentials with { AppPassword = "new" }, Stamp = "admin" };

    public Task<BlueskyConnection?> GetAsync(int accountId, CancellationToken cancellationToken) => Task.FromResult(Marked ? null : Connection);

    public Task SaveAsync(int accountId, BlueskyCredentials credentials, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> SaveSessionAsync(BlueskyConnection read, BlueskySession session, Guid? refreshLease, CancellationToken cancellationToken)
    {
        if (Connection!.Stamp != read.Stamp)
        {
            return Task.FromResult(false);
        }

        Connection = new BlueskyConnection(7, read.Credentials.WithSession(session), $"v{++_version}");
        return Task.FromResult(true);
    }

    public Task<bool> MarkNeedsReconnectingAsync(BlueskyConnection read, CancellationToken cancellationToken)
    {
        Marked = Connection!.Stamp == read.Stamp;
        return Task.FromResult(Marked);
    }

    public Task<Guid?> TryTakeRefreshLeaseAsync(BlueskyConnection read, CancellationToken cancellationToken) =>
        Task.FromResult<Guid?>(Connection!.Stamp == read.Stamp ? Guid.NewGuid() : null);

    public Task ReleaseRefreshLeaseAsync(int accountId, Guid lease) => Task.CompletedTask;
}
