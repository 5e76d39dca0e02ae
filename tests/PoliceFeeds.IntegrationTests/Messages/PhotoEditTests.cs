using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>
/// Editing a message's photos: the photos a form leaves out still count towards the limit of 4, and a photo id that is
/// repeated or not the message's own is refused in French, never a 500.
/// </summary>
public sealed class PhotoEditTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private async Task<(TestClient Client, long Id)> MessageWithPhotosAsync(int photos)
    {
        var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, "Photos " + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < photos; i++)
        {
            form.AddPhoto(i, MessageTestData.Png, $"photo{i}.png", $"Photo {i}", "image/png");
        }

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department62);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, MessageTestData.IdFromLocation(response));
    }

    private static async Task<HttpResponseMessage> EditAsync(TestClient client, long id, int version, Action<MultipartFormDataContent> fill)
    {
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, "Photos modifiées", version: version);
        fill(form);
        return await client.PostMultipartAsync($"/Messages/Edit/{id}", form, $"/Messages/Edit/{id}?handler=Save", "#message-form");
    }

    private Task<List<long>> PhotoIdsAsync(long id) =>
        PublishingTestData.WithDbAsync(factory, db => db.MessagePhotos.Where(p => p.MessageId == id).OrderBy(p => p.Position).Select(p => p.Id).ToListAsync());

    private static void Existing(MultipartFormDataContent form, int index, long id, string altText = "Description")
    {
        form.Add(new StringContent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"Input.ExistingPhotos[{index}].Id");
        form.Add(new StringContent(altText, Encoding.UTF8), $"Input.ExistingPhotos[{index}].AltText");
    }

    [Fact]
    public async Task Leaving_the_stored_photos_out_of_the_form_does_not_get_past_the_limit_of_4()
    {
        var (client, id) = await MessageWithPhotosAsync(4);
        using var _ = client;
        var before = await PhotoIdsAsync(id);
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;

        using var response = await EditAsync(client, id, version, form => form.AddPhoto(0, MessageTestData.Png, "cinquieme.png", "Cinquième", "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Un message peut comporter au plus 4 photos.", await MessageTestData.ErrorsAsync(response));
        Assert.Equal(before, await PhotoIdsAsync(id));
    }

    [Fact]
    public async Task Photos_left_out_of_the_form_are_kept_and_a_removal_makes_room()
    {
        var (client, id) = await MessageWithPhotosAsync(4);
        using var _ = client;
        var before = await PhotoIdsAsync(id);
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;

        using var response = await EditAsync(client, id, version, form =>
        {
            Existing(form, 0, before[1]);
            form.Add(new StringContent("true"), "Input.ExistingPhotos[0].Remove");
            form.AddPhoto(0, MessageTestData.Png, "nouvelle.png", "Nouvelle", "image/png");
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await PhotoIdsAsync(id);
        Assert.Equal(4, after.Count);
        Assert.Equal([before[0], before[2], before[3]], after.Take(3));
    }

    [Fact]
    public async Task A_repeated_photo_id_is_refused_in_french()
    {
        var (client, id) = await MessageWithPhotosAsync(2);
        using var _ = client;
        var before = await PhotoIdsAsync(id);
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;

        using var response = await EditAsync(client, id, version, form =>
        {
            Existing(form, 0, before[0]);
            Existing(form, 1, before[0], "Autre description");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La même photo est indiquée plusieurs fois. Rechargez la page puis recommencez.", await MessageTestData.ErrorsAsync(response));
        Assert.Equal(before, await PhotoIdsAsync(id));
        Assert.Equal("Photo 0", (await MessageTestData.LoadAsync(factory, id)).Photos.Single(p => p.Id == before[0]).AltText);
    }

    [Fact]
    public async Task Another_message_photo_id_is_refused_in_french()
    {
        var (client, id) = await MessageWithPhotosAsync(1);
        using var _ = client;
        var (other, otherId) = await MessageWithPhotosAsync(1);
        other.Dispose();
        var otherPhoto = (await PhotoIdsAsync(otherId)).Single();
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;

        using var response = await EditAsync(client, id, version, form =>
        {
            Existing(form, 0, otherPhoto);
            form.Add(new StringContent("true"), "Input.ExistingPhotos[0].Remove");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Une des photos indiquées n'appartient pas à ce message. Rechargez la page puis recommencez.", await MessageTestData.ErrorsAsync(response));
        Assert.Single(await PhotoIdsAsync(otherId));
        Assert.Single(await PhotoIdsAsync(id));
    }
}
