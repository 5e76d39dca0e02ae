using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Bluesky;
using PoliceFeeds.Infrastructure.Publishing;

namespace PoliceFeeds.IntegrationTests.Networks.Bluesky;

/// <summary>Exactly once against a real PDS: lost answers, retries at the same key, reconciliation, sessions.</summary>
[Collection(BlueskyPdsCollection.Name)]
public sealed class BlueskyExactlyOnceTests(BlueskyPdsFixture pds, BlueskyApp app) : IClassFixture<BlueskyApp>
{
    [Fact]
    public async Task A_create_whose_answer_is_lost_is_ambiguous_then_a_retry_at_the_same_key_makes_no_second_post_and_reconciliation_finds_the_first()
    {
        var remote = await pds.CreateAccountAsync("dipn13");
        var account = await app.ConnectAsync(pds, remote);
        var key = app.NewClientKey();
        var post = BlueskyApp.Post("Contrôles renforcés ce week-end 🚓 #Sécurité", key);
        var attemptAt = app.UtcNow;
        using var network = new FaultyNetwork { DropAnswerOf = "com.atproto.repo.createRecord" };
        await using var scope = app.Factory.CreateScope();
        var channel = app.ChannelThrough(scope, network);

        // The PDS made the post, the answer was lost and the network stayed down: nobody can tell yet.
        Assert.IsType<ChannelOutcome.Ambiguous>(await channel.PublishAsync(account, post, CancellationToken.None));
        Assert.Single(await pds.ListRecordsAsync(remote.Did));

        // The publisher's reconciliation, with one read of the account's posts, finds it by its key.
        network.Down = false;
        var reconciliation = new AccountReconciliation(scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>(), new PublishingOptions(), app.Factory.Clock);
        var delivery = new Delivery { Id = -1, AccountId = account.Id, DepartmentId = account.DepartmentId, Mode = DeliveryMode.Live };
        var found = await reconciliation.FindAsync(channel, account, delivery, attemptAt, attemptAt, post, CancellationToken.None);
        var match = Assert.IsType<Reconciled.Found>(found);
        Assert.Equal($"at://{remote.Did}/app.bsky.feed.post/{key}", match.PostId);

        // A retry at the same key (the publisher's, or a blind one) gives the same post, and creates nothing.
        var retried = Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, post, CancellationToken.None));
        Assert.Equal(match.PostId, retried.PostId);
        Assert.Single(await pds.ListRecordsAsync(remote.Did));
    }

    [Fact]
    public async Task A_second_create_at_an_existing_key_is_refused_by_the_pds_and_creates_nothing()
    {
        var remote = await pds.CreateAccountAsync("dipn14");
        var account = await app.ConnectAsync(pds, remote);
        var key = app.NewClientKey();
        await using var scope = app.Factory.CreateScope();
        Assert.IsType<ChannelOutcome.Done>(await BlueskyApp.RegisteredChannel(scope).PublishAsync(account, BlueskyApp.Post("Premier", key), CancellationToken.None));
        var connection = (await scope.ServiceProvider.GetRequiredService<IBlueskyConnectionStore>().GetAsync(account.Id, CancellationToken.None))!;
        var client = scope.ServiceProvider.GetRequiredService<BlueskyClient>();

        var record = BlueskyPostRecord.Build("Second", app.UtcNow, [], null);
        var again = await client.CreateRecordAsync(pds.Url.ToString(), connection.Credentials.AccessJwt!, remote.Did, key, record, CancellationToken.None);

        // The PDS answers 500 ("There is already a value at key"): ambiguous by its status, settled by reading the key.
        var failed = Assert.IsType<BlueskyResult<(string, string)>.Failed>(again);
        Assert.Equal(BlueskyFailureKind.MaybeActed, failed.Failure.Kind);
        var records = await pds.ListRecordsAsync(remote.Did);
        Assert.Equal("Premier", Assert.Single(records)["value"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Recent_posts_are_read_back_to_the_time_asked_and_only_the_post_at_the_key_is_the_copy()
    {
        var remote = await pds.CreateAccountAsync("dipn15");
        var account = await app.ConnectAsync(pds, remote);
        await using var scope = app.Factory.CreateScope();
        var channel = BlueskyApp.RegisteredChannel(scope);
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var key = app.NewClientKey();
            keys.Add(key);
            Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Même texte", key), CancellationToken.None));
        }

        var read = await channel.FindRecentPostsAsync(account, app.UtcNow.AddMinutes(-5), CancellationToken.None);

        Assert.True(read.Complete);
        Assert.Equal(3, read.Posts!.Count);
        var sent = BlueskyApp.Post("Même texte", keys[1]);
        Assert.Equal($"at://{remote.Did}/app.bsky.feed.post/{keys[1]}", Assert.Single(read.Posts, p => p.IsCopyOf(sent)).Id);

        // Asked from after the keys' time: nothing, and that is the whole answer.
        var later = await channel.FindRecentPostsAsync(account, app.UtcNow.AddMinutes(5), CancellationToken.None);
        Assert.True(later.Complete);
        Assert.Empty(later.Posts!);
    }

    [Fact]
    public async Task A_refused_access_token_is_renewed_with_the_refresh_token_then_with_the_app_password()
    {
        var remote = await pds.CreateAccountAsync("dipn16");
        var account = await app.ConnectAsync(pds, remote);
        await using var scope = app.Factory.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IBlueskyConnectionStore>();
        var channel = BlueskyApp.RegisteredChannel(scope);
        Assert.IsType<ChannelOutcome.Done>(await channel.CheckCredentialsAsync(account, CancellationToken.None));
        var session = (await store.GetAsync(account.Id, CancellationToken.None))!;
        Assert.NotNull(session.Credentials.RefreshJwt);

        // The access token is refused (as an expired one would be): refreshed, and the post goes out.
        await store.SaveAsync(account.Id, session.Credentials with { AccessJwt = "not.a.token", AccessExpiresAtUtc = app.UtcNow.AddHours(1) }, CancellationToken.None);
        Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Après rafraîchissement", app.NewClientKey()), CancellationToken.None));
        var refreshed = (await store.GetAsync(account.Id, CancellationToken.None))!.Credentials;
        Assert.NotEqual("not.a.token", refreshed.AccessJwt);
        Assert.NotEqual(session.Credentials.RefreshJwt, refreshed.RefreshJwt);

        // Both tokens refused: a new session from the app password.
        await store.SaveAsync(account.Id, refreshed with { AccessJwt = "not.a.token", RefreshJwt = "not.a.refresh" }, CancellationToken.None);
        Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Nouvelle session", app.NewClientKey()), CancellationToken.None));
        Assert.Equal(2, (await pds.ListRecordsAsync(remote.Did)).Count);
    }

    [Fact]
    public async Task An_access_token_past_its_expiry_is_refreshed_before_the_call()
    {
        var remote = await pds.CreateAccountAsync("dipn18");
        var account = await app.ConnectAsync(pds, remote);
        await using var scope = app.Factory.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IBlueskyConnectionStore>();
        var channel = BlueskyApp.RegisteredChannel(scope);
        Assert.IsType<ChannelOutcome.Done>(await channel.CheckCredentialsAsync(account, CancellationToken.None));
        var before = (await store.GetAsync(account.Id, CancellationToken.None))!.Credentials;
        await store.SaveAsync(account.Id, before with { AccessExpiresAtUtc = app.UtcNow.AddSeconds(30) }, CancellationToken.None);

        Assert.IsType<ChannelOutcome.Done>(await channel.PublishAsync(account, BlueskyApp.Post("Session renouvelée", app.NewClientKey()), CancellationToken.None));

        var after = (await store.GetAsync(account.Id, CancellationToken.None))!.Credentials;
        Assert.NotEqual(before.RefreshJwt, after.RefreshJwt);
    }

    [Fact]
    public async Task Two_workers_with_a_refused_token_renew_the_session_once()
    {
        var remote = await pds.CreateAccountAsync("dipn19");
        var account = await app.ConnectAsync(pds, remote);
        await using (var setup = app.Factory.CreateScope())
        {
            var store = setup.ServiceProvider.GetRequiredService<IBlueskyConnectionStore>();
            Assert.IsType<ChannelOutcome.Done>(await BlueskyApp.RegisteredChannel(setup).CheckCredentialsAsync(account, CancellationToken.None));
            var session = (await store.GetAsync(account.Id, CancellationToken.None))!.Credentials;
            await store.SaveAsync(account.Id, session with { AccessJwt = "not.a.token", AccessExpiresAtUtc = app.UtcNow.AddHours(1) }, CancellationToken.None);
        }

        using var network = new FaultyNetwork();
        await using var first = app.Factory.CreateScope();
        await using var second = app.Factory.CreateScope();
        var outcomes = await Task.WhenAll(
            app.ChannelThrough(first, network).PublishAsync(account, BlueskyApp.Post("Premier atelier", app.NewClientKey()), CancellationToken.None),
            app.ChannelThrough(second, network).PublishAsync(account, BlueskyApp.Post("Second atelier", app.NewClientKey()), CancellationToken.None));

        Assert.All(outcomes, o => Assert.IsType<ChannelOutcome.Done>(o));
        Assert.Single(network.Calls, c => c.EndsWith("refreshSession", StringComparison.Ordinal));
        Assert.DoesNotContain(network.Calls, c => c.EndsWith("createSession", StringComparison.Ordinal));
        Assert.Equal(2, (await pds.ListRecordsAsync(remote.Did)).Count);
    }

    [Fact]
    public async Task A_wrong_app_password_is_unauthorized_and_marks_the_account_to_reconnect()
    {
        var remote = await pds.CreateAccountAsync("dipn17");
        var account = await app.ConnectAsync(pds, remote, appPassword: "aaaa-bbbb-cccc-dddd");
        await using var scope = app.Factory.CreateScope();

        var outcome = await BlueskyApp.RegisteredChannel(scope).PublishAsync(account, BlueskyApp.Post("Refusé", app.NewClientKey()), CancellationToken.None);

        var unauthorized = Assert.IsType<ChannelOutcome.Unauthorized>(outcome);
        Assert.False(unauthorized.CredentialsChanged);
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        Assert.Equal(AccountState.NeedsReconnecting, (await db.PublishingAccounts.AsNoTracking().SingleAsync(a => a.Id == account.Id)).State);
        Assert.Empty(await pds.ListRecordsAsync(remote.Did));

        // Now without credentials it can use: nothing is sent.
        Assert.IsType<ChannelOutcome.NoCredentials>(await BlueskyApp.RegisteredChannel(scope).PublishAsync(account, BlueskyApp.Post("Refusé", app.NewClientKey()), CancellationToken.None));
    }
}
