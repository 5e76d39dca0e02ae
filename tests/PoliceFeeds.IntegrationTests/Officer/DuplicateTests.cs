using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;

namespace PoliceFeeds.IntegrationTests.Officer;

/// <summary>"Dupliquer" on a message's page: a new draft with the same category, text, photos and alt texts.</summary>
public sealed class DuplicateTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private async Task<long> PublishedWithPhotoAsync(int departmentId, string officer)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(officer);
        using var form = MessageTestData.ComposeForm(departmentId, MessageTestData.MissingPerson, "Appel à témoins : disparition " + Guid.NewGuid());
        form.AddPhoto(0, MessageTestData.Png, "photo.png", "Portrait de la personne recherchée", "image/png");
        return MessageTestData.IdFromLocation(await client.ComposeAsync(form, "Submit", departmentId));
    }

    [Fact]
    public async Task Dupliquer_creates_a_draft_with_the_same_category_text_photos_and_alt_texts_and_an_audit_entry()
    {
        var sourceId = await PublishedWithPhotoAsync(DemoUsers.Department44, DemoUsers.Officer44);
        var source = await MessageTestData.LoadAsync(factory, sourceId);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator44);
        var page = await client.GetPageAsync($"/Messages/{sourceId}");
        Assert.NotNull(page.QuerySelector("[data-testid=duplicate] button"));

        using var response = await client.PostFormAsync($"/Messages/{sourceId}", [], $"/Messages/{sourceId}/Duplicate", "[data-testid=duplicate]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var copyId = MessageTestData.IdFromLocation(response);
        Assert.Equal($"/Messages/Edit/{copyId}", response.Headers.Location!.OriginalString);
        var copy = await MessageTestData.LoadAsync(factory, copyId);
        Assert.NotEqual(sourceId, copyId);
        Assert.Equal(MessageStatus.Draft, copy.Status);
        Assert.Equal((source.DepartmentId, source.CategoryId, source.Text), (copy.DepartmentId, copy.CategoryId, copy.Text));
        var photo = Assert.Single(copy.Photos);
        Assert.Equal("Portrait de la personne recherchée", photo.AltText);
        Assert.Equal(source.Photos[0].Content, photo.Content);
        Assert.NotEqual(source.Photos[0].Id, photo.Id);
        Assert.NotEqual(source.AuthorId, copy.AuthorId);
        var audit = Assert.Single(await OfficerTestData.AuditAsync(factory, copyId));
        Assert.Equal("message.duplicated", audit.Action);
        Assert.Equal($"copie du message n° {sourceId}", audit.Details);
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, sourceId)).Status);
    }

    [Fact]
    public async Task An_officer_of_44_cannot_duplicate_a_message_of_35()
    {
        var of35 = await PublishedWithPhotoAsync(DemoUsers.Department35, DemoUsers.Officer35);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var token = await client.AntiforgeryTokenAsync();

        using var response = await client.Http.PostAsync(new Uri($"/Messages/{of35}/Duplicate", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Fact]
    public async Task A_found_appeal_cannot_be_duplicated()
    {
        var id = await OfficerTestData.AddAsync(factory, DemoUsers.Department44, MessageTestData.MissingPerson, "Appel clos " + Guid.NewGuid(), MessageStatus.Cancelled,
            customise: m => m.FoundAtUtc = factory.UtcNow);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var page = await client.GetPageAsync($"/Messages/{id}");
        Assert.Null(page.QuerySelector("[data-testid=duplicate]"));
        var token = await client.AntiforgeryTokenAsync();

        using var response = await client.Http.PostAsync(new Uri($"/Messages/{id}/Duplicate", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }
}
