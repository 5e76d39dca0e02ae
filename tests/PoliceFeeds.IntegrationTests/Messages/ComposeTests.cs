using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

public sealed class ComposeTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    [Fact]
    public async Task Officer_saves_a_draft_with_a_photo_and_its_alt_text()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Fermez vos portes à clé, même pour une courte absence. #Prévention");
        form.AddPhoto(0, MessageTestData.Png, "cadenas.jpg", "Un cadenas sur une porte", "image/jpeg");

        using var response = await client.ComposeAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(response));
        Assert.Equal(MessageStatus.Draft, message.Status);
        var photo = Assert.Single(message.Photos);
        Assert.Equal("image/png", photo.ContentType);
        Assert.Equal("Un cadenas sur une porte", photo.AltText);
        // Stored re-encoded without metadata (docs/security.md), still the same 1×1 PNG.
        Assert.Equal((1, 1), PoliceFeeds.Core.Photos.ImageDimensions.Read(photo.Content, "image/png"));
        Assert.Equal("image/png", PoliceFeeds.Core.Photos.ImageFormat.Detect(photo.Content));
    }

    [Fact]
    public async Task Submitting_a_missing_person_appeal_waits_for_validation()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, "Appel à témoins : disparition inquiétante à Nantes.");

        using var response = await client.ComposeAsync(form, "Submit");

        var message = await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(response));
        Assert.Equal(MessageStatus.Submitted, message.Status);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Message" && a.EntityId == message.Id.ToString()).ToListAsync();
        Assert.Contains(audit, a => a.Action == "message.submitted" && a.FromStatus == "Draft" && a.ToStatus == "Submitted");
    }

    [Fact]
    public async Task Prevention_message_needs_no_validation_and_is_scheduled_directly()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var local = MessageTestData.ParisLocalInDays(factory, 2);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, "Conseil : gardez vos objets de valeur hors de vue.", ScheduleMode.At, local);

        using var response = await client.ComposeAsync(form, "Submit");

        var message = await MessageTestData.LoadAsync(factory, MessageTestData.IdFromLocation(response));
        Assert.Equal(MessageStatus.Approved, message.Status);
        Assert.NotNull(message.ScheduledAtUtc);
        Assert.Equal(message.ScheduledAtUtc, message.DueAtUtc);
    }

    public static TheoryData<string, string> BadTexts => new()
    {
        { "", "Le texte du message est obligatoire." },
        { new string('a', 281), "Le texte compte 281 caractères" },
        { "Bonjour \uFFFE", "caractère non autorisé" },
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task Bad_text_gets_a_french_message_and_stores_nothing(string text, string expected)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, text);

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department35);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Fact]
    public async Task Exactly_280_weighted_characters_are_accepted()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, new string('é', 280));

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department35);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static TheoryData<Func<DateTime, string>, string> BadTimes => new()
    {
        { now => now.AddHours(-2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), "déjà passée" },
        { now => now.AddYears(1).AddDays(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), "plus d'un an" },
        { now => $"{LastSunday(now.Year + 1, 3):yyyy-MM-dd}T02:30", "n'existe pas" },
        { now => $"{LastSunday(now.Year + 1, 10):yyyy-MM-dd}T02:30", "existe deux fois" },
    };

    /// <summary>The last Sunday of a month: the day Paris changes between winter and summer time (March, October).</summary>
    private static DateOnly LastSunday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(int)last.DayOfWeek);
    }

    [Theory]
    [MemberData(nameof(BadTimes))]
    public async Task Bad_schedule_gets_a_french_message_and_stores_nothing(Func<DateTime, string> local, string expected)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, "Contrôle routier ce week-end.", ScheduleMode.At, local(factory.UtcNow));

        using var response = await client.ComposeAsync(form, "Submit", DemoUsers.Department35);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Fact]
    public async Task Unknown_category_gets_a_french_message_and_stores_nothing()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, 999, "Texte");

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department35);

        Assert.Contains("Choisissez une catégorie dans la liste.", await MessageTestData.ErrorsAsync(response));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Fact]
    public async Task Another_departments_id_in_the_form_gets_a_french_message_and_stores_nothing()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, "Message glissé dans le 35");

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department44);

        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains("Département inconnu", StringComparison.Ordinal));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    public static TheoryData<string, string> BadPhotos => new()
    {
        { "text-as-jpg", "n'est pas une image" },
        { "six-mb", "trop lourd" },
        { "five-photos", "au plus 4 photos" },
        { "no-alt", "Ajoutez une description" },
        { "empty", "est vide" },
    };

    [Theory]
    [MemberData(nameof(BadPhotos))]
    public async Task Bad_photo_gets_a_french_message_and_stores_nothing(string kind, string expected)
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer35);
        var before = await MessageTestData.CountMessagesAsync(factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department35, MessageTestData.Prevention, "Photo du jour");
        switch (kind)
        {
            case "text-as-jpg":
                form.AddPhoto(0, Encoding.UTF8.GetBytes("Ceci est un texte, pas une photo."), "photo.jpg", "Une photo");
                break;
            case "six-mb":
                var big = new byte[6 * 1024 * 1024];
                MessageTestData.Png.CopyTo(big, 0);
                form.AddPhoto(0, big, "grande.png", "Une grande photo", "image/png");
                break;
            case "five-photos":
                for (var i = 0; i < 5; i++)
                {
                    form.AddPhoto(i, MessageTestData.Png, $"p{i}.png", $"Photo {i}", "image/png");
                }

                break;
            case "no-alt":
                form.AddPhoto(0, MessageTestData.Png, "sans-description.png", null, "image/png");
                break;
            case "empty":
                form.AddPhoto(0, [], "vide.png", "Vide", "image/png");
                break;
        }

        using var response = await client.ComposeAsync(form, "Save", DemoUsers.Department35);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(factory));
    }

    [Fact]
    public async Task A_script_in_the_text_is_stored_as_typed_and_shown_as_text()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);
        const string text = "<script>alert('x')</script> & <b>gras</b>";
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.Prevention, text);

        using var response = await client.ComposeAsync(form);
        var id = MessageTestData.IdFromLocation(response);

        Assert.Equal(text, (await MessageTestData.LoadAsync(factory, id)).Text);
        using var page = await client.GetAsync($"/Messages/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
        var parsed = await TestClient.ParseAsync(page);
        Assert.Equal(text, parsed.QuerySelector("[data-testid=message-text]")!.TextContent);
    }

    [Fact]
    public async Task Malformed_ids_never_give_a_500()
    {
        using var client = factory.CreateTestClient();
        await client.SignInAsync(DemoUsers.Officer44);

        foreach (var url in new[] { "/Messages/abc", "/Messages/-1", "/Messages/99999999999999", "/Messages/Edit/abc", "/Messages?departmentId=abc&status=Nope&after=x", "/Messages/1/Photos/abc" })
        {
            using var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        }
    }
}
