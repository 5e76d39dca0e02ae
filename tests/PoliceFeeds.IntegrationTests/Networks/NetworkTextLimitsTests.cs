using System.Net;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Networks;

/// <summary>The compose page refuses, in French, a text that one of the department's networks would refuse.</summary>
public sealed class NetworkTextLimitsTests : IAsyncLifetime
{
    private const string LongLink = "https://www.interieur.gouv.fr/Actualites/Communiques/Appel-a-temoins-disparition-inquietante-en-Loire-Atlantique-le-point-sur-les-recherches-menees-par-la-police-nationale-et-la-gendarmerie-depuis-hier-soir";

    private readonly PoliceFeedsAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_text_that_fits_x_but_not_bluesky_is_refused_only_where_the_department_publishes_on_bluesky()
    {
        var text = "Appel à témoins : toutes les informations sur le site du ministère. " + new string('.', 80) + " " + LongLink;
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var before = await MessageTestData.CountMessagesAsync(_factory);

        // X alone: a link counts 23, the text fits.
        using (var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, text))
        using (var accepted = await client.ComposeAsync(form))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        await AddAccountAsync(PublishingNetwork.Bluesky, AccountState.Connected);
        using (var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, text))
        using (var refused = await client.ComposeAsync(form))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var errors = await MessageTestData.ErrorsAsync(refused);
            Assert.Contains(errors, e => e.StartsWith($"Le texte compte {text.Length} caractères pour Bluesky, dont la limite est de 300", StringComparison.Ordinal));
        }

        Assert.Equal(before + 1, await MessageTestData.CountMessagesAsync(_factory));
    }

    [Fact]
    public async Task A_disconnected_account_does_not_limit_the_text()
    {
        await AddAccountAsync(PublishingNetwork.Bluesky, AccountState.Disconnected);
        using var client = _factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, new string('é', 280));

        using var response = await client.ComposeAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<int> AddAccountAsync(PublishingNetwork network, AccountState state) =>
        PublishingTestData.WithDbAsync(_factory, async db =>
        {
            db.PublishingAccounts.Add(new PublishingAccount { DepartmentId = DemoUsers.Department44, Network = network, Handle = "police44.bsky.social", State = state });
            return await db.SaveChangesAsync();
        });
}
