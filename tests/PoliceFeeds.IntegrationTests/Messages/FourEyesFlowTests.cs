using System.Net;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>Four eyes through the pages: a validator who rewrote a text cannot approve it once the officer fixed a typo.</summary>
public sealed class FourEyesFlowTests(PoliceFeedsAppFactory factory) : IClassFixture<PoliceFeedsAppFactory>
{
    private string Later() => MessageTestData.ParisLocalInDays(factory, 2);

    private async Task<HttpResponseMessage> EditAsync(TestClient client, long id, string text, string handler)
    {
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, text, ScheduleMode.At, Later(), version);
        return await client.PostMultipartAsync($"/Messages/Edit/{id}", form, $"/Messages/Edit/{id}?handler={handler}", "#message-form");
    }

    [Fact]
    public async Task Validator_who_rewrote_the_text_cannot_approve_it_after_the_officer_fixes_a_typo()
    {
        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, "Disparition inquiétante : merci de relayer. " + Guid.NewGuid(), ScheduleMode.At, Later());
        using var submitted = await officer.ComposeAsync(form, "Submit", DemoUsers.Department44);
        var id = MessageTestData.IdFromLocation(submitted);
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, id)).Status);

        // The validator rewrites the text; the officer fixes a typo and submits again.
        using (var rewritten = await EditAsync(validator, id, "Texte réécrit par le valideur, avec une fote.", "Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rewritten.StatusCode);
        }

        using (var fixedTypo = await EditAsync(officer, id, "Texte réécrit par le valideur, avec une faute.", "Submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, fixedTypo.StatusCode);
        }

        var message = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal(MessageStatus.Submitted, message.Status);

        // The page offers no approval to the validator, and a forged approval is refused in French.
        var page = await validator.GetPageAsync($"/Messages/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Approve']"));
        using var approve = await validator.PostFormAsync($"/Messages/{id}", [new("Version", message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/Messages/{id}?handler=Approve");

        Assert.Contains(await MessageTestData.ErrorsAsync(approve), e => e.StartsWith("Vous ne pouvez pas valider un message que vous avez rédigé ou modifié", StringComparison.Ordinal));
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, id)).Status);
    }

    /// <summary>An officer's submitted appeal with one photo; the validator changes only its photos, the officer then fixes a typo.</summary>
    [Theory]
    [InlineData("description")]
    [InlineData("new photo")]
    [InlineData("removed photo")]
    public async Task Validator_who_changed_a_photo_cannot_approve_it_after_the_officer_fixes_a_typo(string change)
    {
        using var officer = factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);
        using var validator = factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator44);
        var text = "Disparition inquiétante : merci de relayer, avec une fote. " + Guid.NewGuid();
        using var form = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, text, ScheduleMode.At, Later());
        form.AddPhoto(0, MessageTestData.Png, "portrait.png", "Portrait de la personne", "image/png");
        using var submitted = await officer.ComposeAsync(form, "Submit", DemoUsers.Department44);
        var id = MessageTestData.IdFromLocation(submitted);
        var photoId = Assert.Single((await MessageTestData.LoadAsync(factory, id)).Photos).Id;

        // The validator leaves the text as it is and changes the photos only.
        var version = (await MessageTestData.LoadAsync(factory, id)).Version;
        using (var photoEdit = MessageTestData.ComposeForm(DemoUsers.Department44, MessageTestData.MissingPerson, text, ScheduleMode.At, Later(), version))
        {
            photoEdit.Add(new StringContent(photoId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.ExistingPhotos[0].Id");
            photoEdit.Add(new StringContent(change == "description" ? "Portrait : une autre personne" : "Portrait de la personne", System.Text.Encoding.UTF8), "Input.ExistingPhotos[0].AltText");
            if (change == "removed photo")
            {
                photoEdit.Add(new StringContent("true"), "Input.ExistingPhotos[0].Remove");
            }

            if (change == "new photo")
            {
                photoEdit.AddPhoto(0, MessageTestData.Png, "autre.png", "Une autre photo", "image/png");
            }

            using var saved = await validator.PostMultipartAsync($"/Messages/Edit/{id}", photoEdit, $"/Messages/Edit/{id}?handler=Save", "#message-form");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(text, (await MessageTestData.LoadAsync(factory, id)).Text);
        using (var fixedTypo = await EditAsync(officer, id, text.Replace("fote", "faute", StringComparison.Ordinal), "Submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, fixedTypo.StatusCode);
        }

        var message = await MessageTestData.LoadAsync(factory, id);
        Assert.Equal(MessageStatus.Submitted, message.Status);
        var page = await validator.GetPageAsync($"/Messages/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Approve']"));
        using var approve = await validator.PostFormAsync($"/Messages/{id}", [new("Version", message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))], $"/Messages/{id}?handler=Approve");

        Assert.Contains(await MessageTestData.ErrorsAsync(approve), e => e.StartsWith("Vous ne pouvez pas valider un message que vous avez rédigé ou modifié", StringComparison.Ordinal));
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(factory, id)).Status);
    }
}
