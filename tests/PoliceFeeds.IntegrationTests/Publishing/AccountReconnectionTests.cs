using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Publishing;

/// <summary>The one "à reconnecter" update every network's store uses, on a real database.</summary>
public sealed class AccountReconnectionTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_connected_account_with_the_refused_credentials_is_marked_and_its_refresh_lease_ends()
    {
        var id = await AddAsync(AccountState.Connected, "stored-credentials", leaseOwner: "worker-1");

        var marked = await PublishingTestData.WithDbAsync(_factory, db => AccountReconnection.MarkIfUnchangedAsync(db, id, "stored-credentials", CancellationToken.None));

        Assert.True(marked);
        var account = await ReadAsync(id);
        Assert.Equal((AccountState.NeedsReconnecting, 1, null, null), (account.State, account.Version, account.RefreshLeaseOwner, account.RefreshLeaseToken));
        Assert.True(await PublishingTestData.WithDbAsync(_factory, db => AccountReconnection.IsMarkedWithAsync(db, id, "stored-credentials", CancellationToken.None)));
    }

    [Fact]
    public async Task Credentials_replaced_meanwhile_are_not_marked()
    {
        var id = await AddAsync(AccountState.Connected, "new-credentials");

        var marked = await PublishingTestData.WithDbAsync(_factory, db => AccountReconnection.MarkIfUnchangedAsync(db, id, "old-credentials", CancellationToken.None));

        Assert.False(marked);
        Assert.Equal((AccountState.Connected, 0), ((await ReadAsync(id)).State, (await ReadAsync(id)).Version));
        Assert.False(await PublishingTestData.WithDbAsync(_factory, db => AccountReconnection.IsMarkedWithAsync(db, id, "old-credentials", CancellationToken.None)));
    }

    [Theory]
    [InlineData(AccountState.Disconnected)]
    [InlineData(AccountState.Paused)]
    [InlineData(AccountState.NeedsReconnecting)]
    public async Task An_account_that_is_not_connected_is_left_as_it_is(AccountState state)
    {
        var id = await AddAsync(state, "stored-credentials");

        var marked = await PublishingTestData.WithDbAsync(_factory, db => AccountReconnection.MarkIfUnchangedAsync(db, id, "stored-credentials", CancellationToken.None));

        Assert.False(marked);
        Assert.Equal(state, (await ReadAsync(id)).State);
    }

    private Task<int> AddAsync(AccountState state, string credentials, string? leaseOwner = null) =>
        PublishingTestData.WithDbAsync(_factory, async db =>
        {
            var account = new PublishingAccount
            {
                DepartmentId = DemoUsers.Department62,
                Network = PublishingNetwork.Mastodon,
                Handle = "police62",
                State = state,
                ProtectedCredentials = credentials,
                AuthKind = AccountAuthKind.OAuth2Token,
                RefreshLeaseOwner = leaseOwner,
                RefreshLeaseToken = leaseOwner is null ? null : Guid.NewGuid(),
            };
            db.PublishingAccounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });

    private Task<PublishingAccount> ReadAsync(int id) =>
        PublishingTestData.WithDbAsync(_factory, db => db.PublishingAccounts.AsNoTracking().SingleAsync(a => a.Id == id));
}
