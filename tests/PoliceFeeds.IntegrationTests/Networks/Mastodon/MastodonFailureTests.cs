using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.FakeMastodon;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Networks.Mastodon;

namespace PoliceFeeds.IntegrationTests.Networks.Mastodon;

/// <summary>Mastodon's refusals in the channel's terms: 429 with its reset, 401, 422, and a read that stops short.</summary>
public sealed class MastodonFailureTests
{
    [Fact]
    public async Task A_429_waits_until_the_instance_s_reset()
    {
        await using var network = await MastodonNetwork.StartAsync();
        network.Server.RequestsPer5Minutes = 1;
        var (account, _, _) = await network.ConnectAsync();
        await network.WithChannelAsync(c => c.CheckCredentialsAsync(account, CancellationToken.None));

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Trop tôt"), CancellationToken.None));

        var limited = Assert.IsType<ChannelOutcome.RateLimited>(outcome);
        var now = network.Factory.Now.ToUnixTimeSeconds();
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(((now / 300) + 1) * 300).UtcDateTime, limited.UntilUtc);
        Assert.Equal("Too many requests", limited.Detail);
        Assert.Empty(network.Server.Statuses);
    }

    [Fact]
    public async Task A_revoked_token_marks_the_account_to_reconnect()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, remote, _) = await network.ConnectAsync();
        network.Server.Revoke(remote);

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Bonjour"), CancellationToken.None));

        Assert.Equal(new ChannelOutcome.Unauthorized("The access token was revoked", CredentialsChanged: false), outcome);
        Assert.Equal(AccountState.NeedsReconnecting, await network.WithScopeAsync(s => s.GetRequiredService<PoliceFeedsDbContext>().PublishingAccounts.Where(a => a.Id == account.Id).Select(a => a.State).SingleAsync()));
        Assert.IsType<ChannelOutcome.NoCredentials>(await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post("Bonjour"), CancellationToken.None)));
    }

    [Fact]
    public async Task A_401_on_credentials_replaced_meanwhile_does_not_mark_the_account()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, remote, _) = await network.ConnectAsync();
        var stale = await network.WithScopeAsync(s => s.GetRequiredService<IMastodonConnections>().GetAsync(account.Id, CancellationToken.None));
        await network.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<IMastodonConnections>().SaveAsync(account.Id, stale!.Credentials with { AccessToken = "new-token" }, CancellationToken.None);
            return true;
        });

        var marked = await network.WithScopeAsync(s => s.GetRequiredService<IMastodonConnections>().MarkNeedsReconnectingAsync(account.Id, stale!, CancellationToken.None));

        Assert.False(marked);
        Assert.NotNull(await network.WithScopeAsync(s => s.GetRequiredService<IMastodonConnections>().GetAsync(account.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task A_text_over_the_instance_s_limit_is_refused_before_it_is_sent()
    {
        await using var network = await MastodonNetwork.StartAsync();
        var (account, _, _) = await network.ConnectAsync();

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post(new string('a', 478) + " https://example.com/" + new string('b', 100)), CancellationToken.None));

        Assert.Equal(422, Assert.IsType<ChannelOutcome.Rejected>(outcome).StatusCode);
        Assert.Equal(0, network.Server.RequestCount(FakeMastodonEndpoint.CreateStatus));
        Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post(new string('a', 476) + " https://example.com/" + new string('b', 100)), CancellationToken.None)));
    }

    [Fact]
    public async Task The_instance_s_own_limit_applies_read_once_and_an_unreadable_limit_refuses_nothing_beforehand()
    {
        await using var network = await MastodonNetwork.StartAsync();
        network.Server.Behaviour.MaxCharacters = 1000;
        var (account, _, _) = await network.ConnectAsync();

        Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post(new string('a', 900)), CancellationToken.None)));
        Assert.IsType<ChannelOutcome.Done>(await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post(new string('b', 900)), CancellationToken.None)));
        Assert.Equal(1, network.Server.RequestCount(FakeMastodonEndpoint.Instance));

        await using var other = await MastodonNetwork.StartAsync();
        other.Server.Behaviour.MaxCharacters = 1000;
        other.Server.Faults.Enqueue(FakeMastodonEndpoint.Instance, FakeMastodonFault.ServerError(404));
        var (account2, _, _) = await other.ConnectAsync();
        Assert.IsType<ChannelOutcome.Done>(await other.WithChannelAsync(c => c.PublishAsync(account2, MastodonNetwork.Post(new string('c', 900)), CancellationToken.None)));
    }

    [Fact]
    public async Task A_422_from_the_instance_is_a_refusal_with_Mastodon_s_words()
    {
        await using var network = await MastodonNetwork.StartAsync();
        network.Server.Behaviour.EnforcedMaxCharacters = 100; // lowered since the limits were read
        var (account, _, _) = await network.ConnectAsync();

        var outcome = await network.WithChannelAsync(c => c.PublishAsync(account, MastodonNetwork.Post(new string('a', 200)), CancellationToken.None));

        Assert.Equal(new ChannelOutcome.Rejected(422, "Validation failed: Text character limit of 100 exceeded"), outcome);
        Assert.Empty(network.Server.Statuses);
    }

    [Fact]
    public async Task A_read_that_stops_at_its_page_limit_is_not_complete()
    {
        await using var network = await MastodonNetwork.StartAsync(maxTimelinePages: 3);
        var (account, remote, _) = await network.ConnectAsync();
        var now = network.Factory.Now;
        var start = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)); // Mastodon dates to the millisecond
        for (var i = 0; i < 130; i++)
        {
            network.Server.AddStatus(remote, $"Message {i}", start.AddSeconds(i));
        }

        var short_ = await network.WithChannelAsync(c => c.FindRecentPostsAsync(account, start.UtcDateTime, CancellationToken.None));
        var reached = await network.WithChannelAsync(c => c.FindRecentPostsAsync(account, start.AddSeconds(100).UtcDateTime, CancellationToken.None));

        Assert.Equal((120, false), (short_.Posts!.Count, short_.Complete));
        Assert.Equal((30, true), (reached.Posts!.Count, reached.Complete));
        Assert.Equal(3 + 1, network.Server.RequestCount(FakeMastodonEndpoint.AccountStatuses));
    }
}
