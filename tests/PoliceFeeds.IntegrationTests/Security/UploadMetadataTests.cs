using System.Buffers.Binary;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;
using PoliceFeeds.UnitTests.Photos;
using SkiaSharp;

namespace PoliceFeeds.IntegrationTests.Security;

/// <summary>An uploaded phone photo comes back without its GPS position (nor any other metadata), the right way up.</summary>
public sealed class UploadMetadataTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task A_photo_with_gps_exif_comes_back_without_it_and_upright()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);
        var photo = TestImages.JpegWithMetadata(40, 20, orientation: 6);
        Assert.Contains(TestImages.Maker, Encoding.Latin1.GetString(photo), StringComparison.Ordinal);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, "Photo avec position GPS " + Guid.NewGuid().ToString("N")[..8]);
        form.AddPhoto(0, photo, "IMG_0001.jpg", "Une photo de téléphone");

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department62);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = MessageTestData.IdFromLocation(response);
        var stored = (await MessageTestData.LoadAsync(factory, id)).Photos.Single();
        using var served = await client.GetAsync($"/Messages/{id}/Photos/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        var text = Encoding.Latin1.GetString(bytes);
        Assert.All(new[] { "Exif\0\0", TestImages.Maker, TestImages.XmpMarker, TestImages.CommentMarker, "Photoshop 3.0", "II*\0" }, m => Assert.DoesNotContain(m, text, StringComparison.Ordinal));
        Assert.Equal(bytes.Length, stored.Length);
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.Equal((20, 40, SKEncodedOrigin.TopLeft), (codec.Info.Width, codec.Info.Height, codec.EncodedOrigin));
    }

    [Fact]
    public async Task An_image_beyond_8192_pixels_on_a_side_is_refused_in_french_before_decoding()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer62);
        using var small = TestImages.Picture(4, 4);
        var png = TestImages.Encode(small, SKEncodedImageFormat.Png);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 100_000);
        var photos = await PublishingTestData.WithDbAsync(factory, db => db.MessagePhotos.CountAsync());
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, "Image démesurée");
        form.AddPhoto(0, png, "immense.png", "Une image immense", "image/png");

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department62);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La photo immense.png est trop grande : au plus 8192 pixels de largeur et de hauteur.", await MessageTestData.ErrorsAsync(response));
        Assert.Equal(photos, await PublishingTestData.WithDbAsync(factory, db => db.MessagePhotos.CountAsync()));
    }
}
