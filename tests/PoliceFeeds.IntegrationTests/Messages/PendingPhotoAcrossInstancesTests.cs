using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Photos;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>
/// Kept photos live in the database: the POST after a refused form may reach another instance of the application.
/// Two factories share one SQLite file here, as two instances share one database.
/// </summary>
public sealed class PendingPhotoAcrossInstancesTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _first = new();
    private PoliceFeedsAppFactory _second = null!;

    public Task InitializeAsync()
    {
        _ = _first.Services;
        _second = PoliceFeedsAppFactory.SharingDatabaseOf(_first);
        _ = _second.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    private static void AddPending(MultipartFormDataContent form, string token, string altText)
    {
        form.Add(new StringContent(token), "Input.PendingPhotos[0].Token");
        form.Add(new StringContent("cadenas.png"), "Input.PendingPhotos[0].FileName");
        form.Add(new StringContent(altText, Encoding.UTF8), "Input.PendingPhotos[0].AltText");
    }

    private async Task<string> KeepOnFirstInstanceAsync(string email)
    {
        using var client = _first.CreateTestClient();
        await client.SignInAsync(email);
        return await KeepAsync(client);
    }

    private static async Task<string> KeepAsync(TestClient client)
    {
        using var refused = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "");
        refused.AddPhoto(0, MessageTestData.Png, "cadenas.png", "Un cadenas", "image/png");
        using var response = await client.ComposeAsync(refused);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        return ((IHtmlInputElement)page.QuerySelector("input[name='Input.PendingPhotos[0].Token']")!).Value;
    }

    private async Task<List<PendingPhoto>> StoredAsync()
    {
        await using var scope = _second.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().PendingPhotos.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task A_photo_kept_by_one_instance_is_used_by_another_then_deleted()
    {
        var token = await KeepOnFirstInstanceAsync(DemoUsers.Officer44);
        var kept = Assert.Single(await StoredAsync(), p => p.Token == token);
        Assert.Equal(MessageTestData.Png.Length, kept.Length);

        using var client = _second.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var corrected = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Fermez vos portes à clé. #Prévention");
        AddPending(corrected, token, "Un cadenas sur une porte");
        using var saved = await client.ComposeAsync(corrected);

        var message = await MessageTestData.LoadAsync(_second, MessageTestData.IdFromLocation(saved));
        var photo = Assert.Single(message.Photos);
        Assert.Equal("Un cadenas sur une porte", photo.AltText);
        Assert.Equal("cadenas.png", photo.FileName);
        // Used once: gone from the table.
        Assert.DoesNotContain(await StoredAsync(), p => p.Token == token);
    }

    [Fact]
    public async Task Another_user_on_another_instance_cannot_use_it()
    {
        var token = await KeepOnFirstInstanceAsync(DemoUsers.Officer44);

        using var other = _second.CreateTestClient();
        await other.SignInAsync(DemoUsers.Validator44);
        using var stolen = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Avec la photo d'un autre. #Prévention");
        AddPending(stolen, token, "Une photo");
        using var response = await other.ComposeAsync(stolen);

        Assert.Empty((await MessageTestData.LoadAsync(_second, MessageTestData.IdFromLocation(response))).Photos);
        Assert.Single(await StoredAsync(), p => p.Token == token);
    }

    [Fact]
    public async Task Expired_photos_are_not_used_and_are_deleted_when_another_is_kept()
    {
        var token = await KeepOnFirstInstanceAsync(DemoUsers.Officer44);
        await using (var scope = _first.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().PendingPhotos.Where(p => p.Token == token)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAtUtc, _first.UtcNow.AddMinutes(-1)));
        }

        using var client = _second.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var late = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Trop tard. #Prévention");
        AddPending(late, token, "Un cadenas");
        using var response = await client.ComposeAsync(late);
        Assert.Empty((await MessageTestData.LoadAsync(_second, MessageTestData.IdFromLocation(response))).Photos);

        var fresh = await KeepOnFirstInstanceAsync(DemoUsers.Officer44);

        var stored = await StoredAsync();
        Assert.DoesNotContain(stored, p => p.Token == token);
        Assert.Contains(stored, p => p.Token == fresh);
    }

    [Fact]
    public async Task A_user_keeps_a_bounded_number_of_photos_the_oldest_go_first()
    {
        using var client = _first.CreateTestClient();
        await client.SignInAsync(DemoUsers.Validator44);
        var tokens = new List<string>();
        for (var i = 0; i < PendingPhoto.MaxPerUser + 1; i++)
        {
            tokens.Add(await KeepAsync(client));
        }

        var stored = (await StoredAsync()).Where(p => tokens.Contains(p.Token)).Select(p => p.Token).ToList();
        Assert.Equal(PendingPhoto.MaxPerUser, stored.Count);
        Assert.DoesNotContain(tokens[0], stored);
    }
}
