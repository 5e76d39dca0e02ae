using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>A photo chosen on a form that was refused stays on the server for the same user: it is not chosen again.</summary>
public sealed class PendingPhotoTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private static (string Token, string FileName) PendingPhoto(IHtmlDocument page)
    {
        var token = page.QuerySelector("input[name='Input.PendingPhotos[0].Token']") as IHtmlInputElement;
        var name = page.QuerySelector("input[name='Input.PendingPhotos[0].FileName']") as IHtmlInputElement;
        Assert.NotNull(token);
        return (token.Value, name!.Value);
    }

    private static void AddPending(MultipartFormDataContent form, string token, string fileName, string altText)
    {
        form.Add(new StringContent(token), "Input.PendingPhotos[0].Token");
        form.Add(new StringContent(fileName), "Input.PendingPhotos[0].FileName");
        form.Add(new StringContent(altText, Encoding.UTF8), "Input.PendingPhotos[0].AltText");
    }

    [Fact]
    public async Task A_photo_survives_a_refused_form_and_is_saved_with_the_corrected_one()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var refused = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "");
        refused.AddPhoto(0, MessageTestData.Png, "cadenas.png", "Un cadenas", "image/png");

        using var first = await client.ComposeAsync(refused);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await TestClient.ParseAsync(first);
        Assert.Contains("Le texte du message est obligatoire.", page.QuerySelector("#Input_Text-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Input_Text")?.GetAttribute("aria-invalid"));
        var (token, fileName) = PendingPhoto(page);
        Assert.Equal("cadenas.png", fileName);
        Assert.Contains("Un cadenas", page.QuerySelector("#pending-alt-0")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("[data-new-photo-row]").Length);

        using var corrected = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Fermez vos portes à clé. #Prévention");
        AddPending(corrected, token, fileName, "Un cadenas sur une porte");
        using var second = await client.ComposeAsync(corrected);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var message = await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(second));
        var photo = Assert.Single(message.Photos);
        // Stored as uploaded, without its metadata (uploads are re-encoded).
        Assert.Equal(await PoliceFeeds.Infrastructure.Photos.PhotoSanitizer.SanitizeAsync(MessageTestData.Png, "image/png"), photo.Content);
        Assert.Equal("Un cadenas sur une porte", photo.AltText);
        Assert.Equal("cadenas.png", photo.FileName);

        // Used once: the same token adds nothing to a second message.
        using var replay = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Encore un conseil. #Prévention");
        AddPending(replay, token, fileName, "Un cadenas");
        using var third = await client.ComposeAsync(replay);
        Assert.Empty((await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(third))).Photos);
    }

    [Fact]
    public async Task Another_user_cannot_use_a_kept_photo_and_a_file_that_is_not_an_image_is_not_kept()
    {
        using var owner = factory.CreateTestClient();
        await owner.SignInAsync(DemoUsers.Officer44);
        using var refused = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "");
        refused.AddPhoto(0, MessageTestData.Png, "photo.png", "Une photo", "image/png");
        refused.AddPhoto(1, Encoding.UTF8.GetBytes("<html>pas une image</html>"), "page.png", "Pas une image", "image/png");
        var page = await TestClient.ParseAsync(await owner.ComposeAsync(refused));
        var (token, fileName) = PendingPhoto(page);
        Assert.Null(page.QuerySelector("input[name='Input.PendingPhotos[1].Token']"));

        using var other = factory.CreateTestClient();
        await other.SignInAsync(UserSeeder44.OtherOfficer);
        using var stolen = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Tentative avec la photo d'un autre. #Prévention");
        AddPending(stolen, token, fileName, "Une photo");
        using var response = await other.ComposeAsync(stolen);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty((await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(response))).Photos);
    }

    private static class UserSeeder44
    {
        /// <summary>The validator of 44 also drafts for 44: another user of the same department.</summary>
        public static readonly string OtherOfficer = DemoUsers.Validator44;
    }
}
