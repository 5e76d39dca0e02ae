using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.TimeBound;

/// <summary>The back office's time-bound actions: who may use them, the thank-you, the end time, the flags.</summary>
public sealed class TimeBoundPagesTests : IClassFixture<PoliceFeedsAppFactory>
{
    private readonly PoliceFeedsAppFactory _factory;

    public TimeBoundPagesTests(PoliceFeedsAppFactory factory)
    {
        _factory = factory;

        // Messages here are inserted as already published: the hosted publisher is not needed.
        _factory.Settings["Publishing:RunHostedService"] = "false";
    }

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private Task<long> AppealAsync(int departmentId = DemoUsers.Department62, string author = "", DateTime? publishedAt = null) =>
        TimeBoundTestData.AddPublishedAsync(_factory, departmentId, TimeBoundTestData.MissingPerson, "Appel à témoins : Léa, 12 ans " + Guid.NewGuid().ToString("N")[..6],
            publishedAt ?? _factory.UtcNow.AddHours(-1), author.Length > 0 ? author : departmentId == DemoUsers.Department62 ? DemoUsers.Officer62 : DemoUsers.Officer44);

    /// <summary>Posts a handler of the message page with a valid antiforgery token taken from a page the user may open.</summary>
    private static async Task<HttpResponseMessage> ForgeAsync(TestClient client, string url, int ownDepartmentId, params KeyValuePair<string, string>[] fields)
    {
        var page = await client.GetPageAsync($"/Messages/Edit?departmentId={ownDepartmentId}");
        var token = TestClient.AntiforgeryToken(page, "#message-form");
        return await client.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields.Append(F("__RequestVerificationToken", token))));
    }

    [Fact]
    public async Task An_officer_of_another_department_can_neither_see_nor_act_on_an_appeal_or_deviation_of_62()
    {
        var appeal = await AppealAsync();
        var deviation = await TimeBoundTestData.AddPublishedAsync(_factory, DemoUsers.Department62, TimeBoundTestData.RoadDeviation, "Déviation A26", _factory.UtcNow.AddHours(-1), DemoUsers.Officer62, m => m.EndsAtUtc = _factory.UtcNow.AddHours(3));
        using var officer35 = _factory.CreateTestClient();
        await officer35.SignInAsync(DemoUsers.Officer35);
        using var validator35 = _factory.CreateTestClient();
        await validator35.SignInAsync(DemoUsers.Validator35);

        foreach (var client in new[] { officer35, validator35 })
        {
            foreach (var (id, handler) in new[] { (appeal, "Found"), (deviation, "EndDeviation"), (appeal, "Withdraw"), (deviation, "Withdraw") })
            {
                using var response = await ForgeAsync(client, $"/Messages/{id}?handler={handler}", DemoUsers.Department35, F("Version", "0"), F("WithdrawalReason", "x"), F("PrepareThanks", "true"));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            using var followUpPage = await client.Http.GetAsync(new Uri($"/Messages/Edit?followUpOf={appeal}&kind=Reply", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, followUpPage.StatusCode);
            using var thanksPage = await client.Http.GetAsync(new Uri($"/Messages/Edit?followUpOf={appeal}&kind=FoundThanks", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, thanksPage.StatusCode);

            // A forged follow-up pointing at 62's message, posted from 35's compose page.
            var before = await MessageTestData.CountMessagesAsync(_factory);
            using var form = MessageTestData.ComposeForm(DemoUsers.Department35, TimeBoundTestData.Prevention, "Réponse forgée");
            form.Add(new StringContent(appeal.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.FollowUpOfMessageId");
            form.Add(new StringContent("Reply"), "Input.FollowUpKind");
            using var forged = await client.PostMultipartAsync($"/Messages/Edit?departmentId={DemoUsers.Department35}", form, "/Messages/Edit?handler=Submit", "#message-form");
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
            Assert.Equal(before, await MessageTestData.CountMessagesAsync(_factory));
        }

        Assert.Equal(MessageStatus.Published, (await MessageTestData.LoadAsync(_factory, appeal)).Status);
        Assert.Null((await MessageTestData.LoadAsync(_factory, deviation)).EndedAtUtc);
        Assert.Equal(["(none)"], (await TimeBoundTestData.AuditActionsAsync(_factory, appeal)).DefaultIfEmpty("(none)"));
    }

    [Fact]
    public async Task Only_a_validator_or_the_author_may_mark_an_appeal_found()
    {
        var byValidator = await AppealAsync(author: DemoUsers.Validator62);
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);

        var page = await officer.GetPageAsync($"/Messages/{byValidator}");
        Assert.Null(page.QuerySelector("form[action*='handler=Found']"));
        using var forged = await ForgeAsync(officer, $"/Messages/{byValidator}?handler=Found", DemoUsers.Department62, F("Version", "0"));
        Assert.Contains("/Account/AccessDenied", forged.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Null((await MessageTestData.LoadAsync(_factory, byValidator)).FoundAtUtc);

        var own = await AppealAsync(author: DemoUsers.Officer62);
        using var response = await officer.ActAsync(own, "Found");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(MessageStatus.WithdrawalRequested, (await MessageTestData.LoadAsync(_factory, own)).Status);
    }

    [Fact]
    public async Task Marking_found_with_the_thank_you_opens_a_draft_from_the_template_that_goes_through_validation()
    {
        var appeal = await AppealAsync(author: DemoUsers.Officer62);
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);

        using var response = await officer.ActAsync(appeal, "Found", F("PrepareThanks", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains($"followUpOf={appeal}", location, StringComparison.Ordinal);
        var compose = await officer.GetPageAsync(location);
        Assert.StartsWith("La personne qui faisait l'objet de notre appel", ((IHtmlTextAreaElement)compose.QuerySelector("#Input_Text")!).Value, StringComparison.Ordinal);
        Assert.NotNull(compose.QuerySelector("[data-testid=follow-up-of]"));

        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, TimeBoundTestData.MissingPerson, "La personne recherchée a été retrouvée. Merci pour vos partages.");
        form.Add(new StringContent(appeal.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.FollowUpOfMessageId");
        form.Add(new StringContent("FoundThanks"), "Input.FollowUpKind");
        using var submitted = await officer.PostMultipartAsync(location, form, "/Messages/Edit?handler=Submit", "#message-form");
        var thanks = await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(submitted));

        // Missing-person messages need validation: the thank-you waits for a validator like any other.
        Assert.Equal((MessageStatus.Submitted, FollowUpKind.FoundThanks, appeal), (thanks.Status, thanks.FollowUpKind, thanks.InReplyToMessageId!.Value));

        using var validator = _factory.CreateTestClient();
        await validator.SignInAsync(DemoUsers.Validator62);
        using var approved = await validator.ActAsync(thanks.Id, "Approve");
        Assert.Equal(MessageStatus.Approved, (await MessageTestData.LoadAsync(_factory, thanks.Id)).Status);
        var appealPage = await validator.GetPageAsync($"/Messages/{appeal}");
        Assert.Contains($"/Messages/{thanks.Id}", appealPage.QuerySelector("[data-testid=follow-ups]")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_a_deviation_by_hand_adds_the_end_reply_once()
    {
        var deviation = await TimeBoundTestData.AddPublishedAsync(_factory, DemoUsers.Department62, TimeBoundTestData.RoadDeviation, "Déviation RD917", _factory.UtcNow.AddHours(-1), DemoUsers.Officer62, m => m.EndsAtUtc = _factory.UtcNow.AddHours(5));
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);

        using var response = await officer.ActAsync(deviation, "EndDeviation");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var again = await ForgeAsync(officer, $"/Messages/{deviation}?handler=EndDeviation", DemoUsers.Department62, F("Version", (await MessageTestData.LoadAsync(_factory, deviation)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Cette déviation est déjà terminée.", await MessageTestData.ErrorsAsync(again));
        var reply = Assert.Single(await TimeBoundTestData.FollowUpsAsync(_factory, deviation));
        Assert.Equal((FollowUpKind.DeviationEnd, MessageStatus.Approved), (reply.FollowUpKind, reply.Status));
        Assert.StartsWith("Fin de la déviation", reply.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string> BadEnds => new()
    {
        { null, "Indiquez l'heure de fin de la déviation." },
        { "2020-01-01T10:00", "La fin de la déviation doit être postérieure à l'heure de publication." },
        { "2099-01-01T10:00", "La fin de la déviation doit être dans moins de 90 jours." },
        { "2027-03-28T02:30", "n'existe pas" },
        { "not-a-date", "Indiquez l'heure de fin de la déviation." },
    };

    [Theory]
    [MemberData(nameof(BadEnds))]
    public async Task A_deviation_without_a_valid_end_time_is_refused_in_french_and_stores_nothing(string? endsLocal, string expected)
    {
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);
        var before = await MessageTestData.CountMessagesAsync(_factory);
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, TimeBoundTestData.RoadDeviation, "Déviation : A1 fermée entre Arras et Lille");
        if (endsLocal is not null)
        {
            form.Add(new StringContent(endsLocal), "Input.EndsLocal");
        }

        using var response = await officer.ComposeAsync(form, "Submit", DemoUsers.Department62);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await MessageTestData.ErrorsAsync(response), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(_factory));
    }

    [Fact]
    public async Task A_deviation_keeps_its_end_time_and_other_categories_ignore_one()
    {
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer62);
        var end = _factory.UtcNow.AddDays(1);
        var endLocal = Core.Scheduling.DepartmentTime.ToLocal(end, "Europe/Paris").ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        using var deviationForm = MessageTestData.ComposeForm(DemoUsers.Department62, TimeBoundTestData.RoadDeviation, "Déviation : N17 fermée pour travaux");
        deviationForm.Add(new StringContent(endLocal), "Input.EndsLocal");
        using var deviation = await officer.ComposeAsync(deviationForm, "Save", DemoUsers.Department62);
        var saved = await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(deviation));
        Assert.Equal(end.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), saved.EndsAtUtc!.Value.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));

        using var preventionForm = MessageTestData.ComposeForm(DemoUsers.Department62, TimeBoundTestData.Prevention, "Prévention : vélos volés");
        preventionForm.Add(new StringContent(endLocal), "Input.EndsLocal");
        using var prevention = await officer.ComposeAsync(preventionForm, "Save", DemoUsers.Department62);
        Assert.Null((await MessageTestData.LoadAsync(_factory, MessageTestData.IdFromLocation(prevention))).EndsAtUtc);
    }

    [Fact]
    public async Task Appeals_open_longer_than_the_departments_threshold_are_flagged_on_the_home_page()
    {
        var old = await TimeBoundTestData.AddPublishedAsync(_factory, DemoUsers.Department44, TimeBoundTestData.MissingPerson, "Appel ancien", _factory.UtcNow.AddDays(-9), DemoUsers.Officer44);
        var recent = await TimeBoundTestData.AddPublishedAsync(_factory, DemoUsers.Department44, TimeBoundTestData.MissingPerson, "Appel récent", _factory.UtcNow.AddDays(-2), DemoUsers.Officer44);
        using var officer = _factory.CreateTestClient();
        await officer.SignInAsync(DemoUsers.Officer44);

        var home = await officer.GetPageAsync($"/Messages?departmentId={DemoUsers.Department44}");

        Assert.Contains("ouverts depuis plus de 7 jours", home.QuerySelector("[data-testid=open-appeals]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector($"tr[data-message-id='{old}'] [data-testid=open-appeal]"));
        Assert.Null(home.QuerySelector($"tr[data-message-id='{recent}'] [data-testid=open-appeal]"));
        Assert.Contains("Ouvert depuis 9 j", home.QuerySelector($"tr[data-message-id='{old}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_sets_a_departments_time_bound_settings_and_bad_values_are_refused_in_french()
    {
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var url = $"/Admin/Departments/Edit/{DemoUsers.Department62}";
        KeyValuePair<string, string>[] Fields(string action, string template, string days) =>
        [
            F("Input.Name", "Pas-de-Calais"), F("Input.TimeZoneId", "Europe/Paris"), F("Input.IsActive", "true"),
            F("Input.DeviationEndAction", action), F("Input.DeviationEndTemplate", template), F("Input.FoundThanksTemplate", "Merci à tous."),
            F("Input.RedactFoundAppealsAfterDays", days), F("Input.FlagOpenAppealsAfterDays", "3"),
        ];

        foreach (var (fields, expected) in new[]
        {
            (Fields("Reply", "", "30"), "Le texte du modèle est obligatoire."),
            (Fields("Reply", new string('x', 300), "30"), "280 caractères pondérés"),
            (Fields("Reply", "Fin \uFFFE", "30"), "280 caractères pondérés"),
            (Fields("Reply", "Fin", "0"), "entre 1 et 3650"),
            (Fields("Reply", "Fin", "abc"), "entre 1 et 3650"),
            (Fields("Explode", "Fin", "30"), "Choisissez ce qui se passe"),
        })
        {
            using var refused = await admin.PostFormAsync(url, fields);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await TestClient.ParseAsync(refused);
            var errors = page.QuerySelectorAll("[role=alert] li").Select(e => e.TextContent).ToList();
            Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
            Assert.DoesNotContain(errors, e => e.Contains("is not valid", StringComparison.Ordinal) || e.Contains("must not be empty", StringComparison.Ordinal));
        }

        var unchanged = await PublishingTestData.WithDbAsync(_factory, db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == DemoUsers.Department62));
        Assert.Equal(Core.Departments.TimeBoundDefaults.DeviationEndTemplate, unchanged.DeviationEndTemplate);

        using var saved = await admin.PostFormAsync(url, Fields("Delete", "Fin de la déviation à {heure}.", "15"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var department = await PublishingTestData.WithDbAsync(_factory, db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == DemoUsers.Department62));
        Assert.Equal((Core.Departments.DeviationEndAction.Delete, "Fin de la déviation à {heure}.", 15, 3), (department.DeviationEndAction, department.DeviationEndTemplate, department.RedactFoundAppealsAfterDays, department.FlagOpenAppealsAfterDays));

        // Put the defaults back for the other tests of this class.
        var defaults = new Dictionary<string, string>
        {
            ["Input.FoundThanksTemplate"] = Core.Departments.TimeBoundDefaults.FoundThanksTemplate,
            ["Input.FlagOpenAppealsAfterDays"] = "7",
        };
        using var restored = await admin.PostFormAsync(url, Fields("Reply", Core.Departments.TimeBoundDefaults.DeviationEndTemplate, "30")
            .Select(f => defaults.TryGetValue(f.Key, out var value) ? F(f.Key, value) : f));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
    }
}
