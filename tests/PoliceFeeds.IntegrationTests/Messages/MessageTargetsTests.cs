using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>
/// The compose page's choice of accounts and its text per network: the officer ticks the accounts (the connected ones by
/// default), may write a variant per network, and each target gets exactly its own text, validated once for all.
/// </summary>
public sealed class MessageTargetsTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();
    private int _xAccount;
    private int _mastodonAccount;
    private int _blueskyToReconnect;

    public async Task InitializeAsync()
    {
        _xAccount = await PublishingTestData.WithDbAsync(_factory, db => db.PublishingAccounts
            .Where(a => a.DepartmentId == DemoUsers.Department44 && a.Network == PublishingNetwork.X).Select(a => a.Id).SingleAsync());
        _mastodonAccount = await AddAccountAsync(PublishingNetwork.Mastodon, "police44", AccountState.Connected);
        _blueskyToReconnect = await AddAccountAsync(PublishingNetwork.Bluesky, "police44.bsky.social", AccountState.NeedsReconnecting);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_compose_page_offers_every_usable_account_and_ticks_the_connected_ones()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        var page = await client.GetPageAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}");

        var boxes = page.QuerySelectorAll("input[name='Input.TargetAccountIds']").ToDictionary(b => int.Parse(b.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture), b => b.HasAttribute("checked"));
        Assert.Equal(new Dictionary<int, bool> { [_xAccount] = true, [_mastodonAccount] = true, [_blueskyToReconnect] = false }, boxes);
        Assert.Contains("à reconnecter", page.QuerySelector($"label[for='target-{_blueskyToReconnect}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["X", "Bluesky", "Mastodon"], page.QuerySelectorAll("textarea[data-variant-for]").Select(t => t.GetAttribute("data-variant-for")!).ToArray());
        Assert.Equal(["X", "Bluesky", "Mastodon"], page.QuerySelectorAll("[data-network-count]").Select(t => t.GetAttribute("data-network-count")!).ToArray());
    }

    [Fact]
    public async Task Each_ticked_account_gets_one_delivery_with_its_network_s_text_and_the_others_none()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = Form("Prudence sur les routes ce week-end : contrôles renforcés.", _xAccount, _mastodonAccount);
        Variant(form, 0, PublishingNetwork.Mastodon, "Prudence sur les routes ce week-end : contrôles renforcés. #Mastodon");

        using var response = await client.ComposeAsync(form, handler: "Submit");

        var id = MessageTestData.IdFromLocation(response);
        await ApproveIfSubmittedAsync(id);
        // The app's own publisher, woken by the approval, posts it.
        await PublishingTestData.WaitUntilAsync(async () => (await MessageTestData.LoadAsync(_factory, id)).Status == MessageStatus.Published, TimeSpan.FromSeconds(20));
        var posts = await PublishingTestData.WithDbAsync(_factory, db => db.SandboxPosts.AsNoTracking().Where(p => p.DepartmentId == DemoUsers.Department44)
            .Select(p => new { p.AccountId, p.Text }).ToListAsync());
        Assert.Equal(2, posts.Count);
        Assert.Equal("Prudence sur les routes ce week-end : contrôles renforcés.", posts.Single(p => p.AccountId == _xAccount).Text);
        Assert.EndsWith("#Mastodon", posts.Single(p => p.AccountId == _mastodonAccount).Text, StringComparison.Ordinal);
        var deliveries = await PublishingTestData.WithDbAsync(_factory, db => db.Deliveries.AsNoTracking().Where(d => d.MessageId == id).ToListAsync());
        Assert.Equal([_xAccount, _mastodonAccount], deliveries.Select(d => d.AccountId).Order().ToArray());
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(MessageStatus.Published, (await MessageTestData.LoadAsync(_factory, id)).Status);
    }

    [Fact]
    public async Task No_account_ticked_is_refused_in_french_and_saves_nothing()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var before = await MessageTestData.CountMessagesAsync(_factory);
        using var form = Form("Un message sans compte.");

        using var response = await client.ComposeAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choisissez au moins un compte sur lequel publier.", await MessageTestData.ErrorsAsync(response));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(_factory));
    }

    [Fact]
    public async Task An_account_of_another_department_is_refused_in_french()
    {
        var other = await PublishingTestData.WithDbAsync(_factory, db => db.PublishingAccounts.Where(a => a.DepartmentId == DemoUsers.Department35).Select(a => a.Id).FirstAsync());
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var before = await MessageTestData.CountMessagesAsync(_factory);
        using var form = Form("Un message vers un autre département.", _xAccount, other);

        using var response = await client.ComposeAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.StartsWith("Un des comptes choisis n'est pas un compte du département", StringComparison.Ordinal));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(_factory));
    }

    [Fact]
    public async Task A_variant_carries_the_length_rules_of_its_network_and_frees_the_main_text_from_them()
    {
        var link = "https://www.interieur.gouv.fr/" + new string('a', 300);
        var longForBluesky = "Informations : " + link;
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        // Bluesky ticked: the main text counts the link at full length there, and is refused for Bluesky only.
        using (var form = Form(longForBluesky, _xAccount, _blueskyToReconnect))
        using (var refused = await client.ComposeAsync(form))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(await MessageTestData.ErrorsAsync(refused), e => e.Contains("pour Bluesky, dont la limite est de 300", StringComparison.Ordinal));
        }

        // A Bluesky variant over the limit is refused as the variant.
        using (var form = Form(longForBluesky, _xAccount, _blueskyToReconnect))
        {
            Variant(form, 0, PublishingNetwork.Bluesky, new string('é', 301));
            using var refused = await client.ComposeAsync(form);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await TestClient.ParseAsync(refused);
            Assert.Contains("Le texte compte 301 caractères pour Bluesky", page.QuerySelector("#Input_Variants-desc-error, [id^='Input_Variants'][id$='error'], .fr-input-group--error")?.TextContent ?? string.Join(" ", await MessageTestData.ErrorsAsync(refused)), StringComparison.Ordinal);
        }

        // A short Bluesky variant: accepted, and stored for Bluesky alone.
        using (var form = Form(longForBluesky, _xAccount, _blueskyToReconnect))
        {
            Variant(form, 0, PublishingNetwork.Bluesky, "Informations sur interieur.gouv.fr");
            using var accepted = await client.ComposeAsync(form);
            var id = MessageTestData.IdFromLocation(accepted);
            var variants = await PublishingTestData.WithDbAsync(_factory, db => db.MessageVariants.AsNoTracking().Where(v => v.MessageId == id).ToListAsync());
            Assert.Equal(PublishingNetwork.Bluesky, Assert.Single(variants).Network);
            var targets = await PublishingTestData.WithDbAsync(_factory, db => db.MessageTargets.AsNoTracking().Where(t => t.MessageId == id).Select(t => t.AccountId).OrderBy(a => a).ToListAsync());
            Assert.Equal(new[] { _xAccount, _blueskyToReconnect }.Order(), targets);
        }
    }

    [Fact]
    public async Task Dropping_an_account_from_a_scheduled_message_takes_its_delivery_out_of_the_queue_and_ticking_it_again_brings_it_back()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var at = MessageTestData.ParisLocalInDays(_factory, 2);
        using var form = Form("Conseil de prévention pour les vacances.", _xAccount, _mastodonAccount, mode: ScheduleMode.At, scheduledLocal: at);
        using var created = await client.ComposeAsync(form, handler: "Submit");
        var id = MessageTestData.IdFromLocation(created);
        await ApproveIfSubmittedAsync(id);
        Assert.Equal(2, (await DeliveriesAsync(id)).Count(d => d.Status == DeliveryStatus.Pending));

        await EditAsync(client, id, at, _xAccount);
        await ApproveIfSubmittedAsync(id);

        var deliveries = await DeliveriesAsync(id);
        Assert.Equal(DeliveryStatus.Pending, deliveries.Single(d => d.AccountId == _xAccount).Status);
        Assert.Equal(DeliveryStatus.Cancelled, deliveries.Single(d => d.AccountId == _mastodonAccount).Status);

        await EditAsync(client, id, at, _xAccount, _mastodonAccount);
        await ApproveIfSubmittedAsync(id);

        deliveries = await DeliveriesAsync(id);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
        Assert.Equal(2, deliveries.Count);
    }

    [Fact]
    public async Task The_end_of_a_deviation_replies_only_on_the_accounts_where_the_deviation_is_online()
    {
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var id = (await PublishingTestData.AddDueMessagesAsync(_factory, DemoUsers.Department44, 1, now.AddSeconds(-1), "Déviation", m =>
        {
            m.CategoryId = 5;
            m.EndsAtUtc = now.AddHours(1);
            m.SetTargets([_xAccount]);
        }))[0];
        await PublishAsync(id);

        _factory.Clock.Advance(TimeSpan.FromHours(2));
        await using (var scope = _factory.CreateScope())
        {
            await Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<PoliceFeeds.Infrastructure.Publishing.TimeBoundProcessor>(scope.ServiceProvider).RunOnceAsync(CancellationToken.None);
        }

        var reply = await PublishingTestData.WithDbAsync(_factory, db => db.Messages.AsNoTracking().Include(m => m.Targets).SingleAsync(m => m.InReplyToMessageId == id));
        Assert.Equal([_xAccount], reply.Targets.Select(t => t.AccountId).ToArray());
        Assert.Equal([_xAccount], (await DeliveriesAsync(reply.Id)).Select(d => d.AccountId).ToArray());
    }

    [Fact]
    public async Task A_new_reply_ticks_the_accounts_where_its_original_is_online()
    {
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var id = (await PublishingTestData.AddDueMessagesAsync(_factory, DemoUsers.Department44, 1, now.AddSeconds(-1), "Original", m => m.SetTargets([_mastodonAccount])))[0];
        await PublishAsync(id);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        var page = await client.GetPageAsync($"/Messages/Edit?followUpOf={id}&kind=Reply");

        var ticked = page.QuerySelectorAll("input[name='Input.TargetAccountIds'][checked]").Select(b => b.GetAttribute("value")!).ToArray();
        Assert.Equal([_mastodonAccount.ToString(System.Globalization.CultureInfo.InvariantCulture)], ticked);
    }

    /// <summary>A message saved straight into the database (no signal to the app's publisher): one round, then published.</summary>
    private async Task PublishAsync(long id)
    {
        await PublishingTestData.RunPublisherOnceAsync(_factory, new PoliceFeeds.Infrastructure.Publishing.PublishingOptions { InstanceId = "test", ClockSkewTolerance = TimeSpan.Zero });
        await PublishingTestData.WaitUntilAsync(async () => (await MessageTestData.LoadAsync(_factory, id)).Status == MessageStatus.Published, TimeSpan.FromSeconds(20));
    }

    private async Task EditAsync(TestClient client, long id, string at, params int[] accounts)
    {
        var message = await MessageTestData.LoadAsync(_factory, id);
        using var form = Form(message.Text, accounts, ScheduleMode.At, at, message.Version);
        using var response = await client.PostMultipartAsync($"/Messages/Edit/{id}", form, $"/Messages/Edit/{id}?handler=Save", "#message-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static MultipartFormDataContent Form(string text, params int[] accounts) => Form(text, accounts, ScheduleMode.AsSoonAsValidated, null, 0);

    private static MultipartFormDataContent Form(string text, int first, int second, ScheduleMode mode, string scheduledLocal) => Form(text, [first, second], mode, scheduledLocal, 0);

    private static MultipartFormDataContent Form(string text, int[] accounts, ScheduleMode mode, string? scheduledLocal, int version)
    {
        var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, text, mode, scheduledLocal, version);
        form.Add(new StringContent("true"), "Input.TargetsShown");
        foreach (var account in accounts)
        {
            form.Add(new StringContent(account.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.TargetAccountIds");
        }

        return form;
    }

    private static void Variant(MultipartFormDataContent form, int index, PublishingNetwork network, string text)
    {
        form.Add(new StringContent(network.ToString()), $"Input.Variants[{index}].Network");
        form.Add(new StringContent(text, Encoding.UTF8), $"Input.Variants[{index}].Text");
    }

    private async Task ApproveIfSubmittedAsync(long id)
    {
        if ((await MessageTestData.LoadAsync(_factory, id)).Status != MessageStatus.Submitted)
        {
            return;
        }

        using var validator = _factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        using var approved = await validator.ActAsync(id, "Approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
    }

    private Task<List<Delivery>> DeliveriesAsync(long id) =>
        PublishingTestData.WithDbAsync(_factory, db => db.Deliveries.AsNoTracking().Where(d => d.MessageId == id).ToListAsync());

    private Task<int> AddAccountAsync(PublishingNetwork network, string handle, AccountState state) =>
        PublishingTestData.WithDbAsync(_factory, async db =>
        {
            var account = new PublishingAccount { DepartmentId = DemoUsers.Department44, Network = network, Handle = handle, State = state, Mode = AccountMode.Sandbox };
            db.PublishingAccounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });
}
