using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Officer;

namespace PoliceFeeds.BrowserTests.Messages;

/// <summary>
/// The officers' and validators' aids as a person clicks them: calendar, validators' queue, templates, "Dupliquer"
/// and the duplicate-text warning. Department 44 (the officer flows' department); every message carries its own tag.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OfficerAidsFlowTests(BrowserFixture fixture)
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private async Task<MessageStatus?> StatusOfAsync(string text)
    {
        await using var scope = fixture.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var statuses = await db.Messages.Where(m => m.Text == text).Select(m => m.Status).ToListAsync();
        return statuses.Count == 1 ? statuses[0] : null;
    }

    [GeneratedRegex("Programmé|En cours de publication|Publié")]
    private static partial Regex ApprovedOrPublished();

    [BrowserFact]
    public async Task Officer_switches_the_calendar_between_week_and_month_and_follows_an_entry_to_its_message()
    {
        var text = $"Patrouille à vélo sur l'île de Nantes ce matin ({Tag()})";
        var id = await OfficerTestData.AddAsync(fixture.Factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Published, fixture.Factory.UtcNow);
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await officer.GotoAsync("/");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Calendrier", Exact = true }).ClickAsync();

        // This week first: seven days, the message on today's cell at its Paris time.
        var calendar = officer.GetByTestId("calendar");
        var entry = calendar.Locator($"[data-entry='{id}']");
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Calendrier des publications" })).ToBeVisibleAsync();
        await Assertions.Expect(calendar.Locator("td[data-day]")).ToHaveCountAsync(7);
        await Assertions.Expect(entry).ToContainTextAsync("Publié");
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Semaine", Exact = true })).ToHaveAttributeAsync("aria-current", "page");

        // The month: whole weeks, the same entry; the next month and back to today.
        await officer.GetByRole(AriaRole.Link, new() { Name = "Mois", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Mois", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(entry).ToBeVisibleAsync();
        var days = await calendar.Locator("td[data-day]").CountAsync();
        Assert.True(days >= 28 && days % 7 == 0, $"the month shows {days} days");
        var monthHeading = await officer.Locator("h2").First.TextContentAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Mois suivant" }).ClickAsync();
        await Assertions.Expect(officer.Locator("h2").First).Not.ToHaveTextAsync(monthHeading!);
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await officer.GetByRole(AriaRole.Link, new() { Name = "Aujourd'hui", Exact = true }).ClickAsync();
        await Assertions.Expect(entry).ToBeVisibleAsync();
        Assert.Contains("view=month", officer.Url, StringComparison.Ordinal);

        // Back to the week, then the entry opens its message.
        await officer.GetByRole(AriaRole.Link, new() { Name = "Semaine", Exact = true }).ClickAsync();
        await Assertions.Expect(calendar.Locator("td[data-day]")).ToHaveCountAsync(7);
        await entry.GetByRole(AriaRole.Link).ClickAsync();
        await officer.WaitForURLAsync(url => url.EndsWith($"/Messages/{id}", StringComparison.Ordinal));
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Publié");
        await Assertions.Expect(officer.GetByText(text).First).ToBeVisibleAsync();
        await officer.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_national_admin_sees_every_department_in_the_calendar_and_filters_by_one()
    {
        var tag = Tag();
        var of44 = await OfficerTestData.AddAsync(fixture.Factory, DemoUsers.Department44, MessageTestData.Prevention, $"Du 44 ({tag})", MessageStatus.Published, fixture.Factory.UtcNow);
        var of35 = await OfficerTestData.AddAsync(fixture.Factory, DemoUsers.Department35, MessageTestData.Prevention, $"Du 35 ({tag})", MessageStatus.Published, fixture.Factory.UtcNow, authorEmail: DemoUsers.Officer35);
        var admin = await fixture.SharedSessionPageAsync(DemoUsers.Admin);
        await admin.GotoAsync("/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Calendrier", Exact = true }).ClickAsync();

        await Assertions.Expect(admin.Locator($"[data-entry='{of44}']")).ToContainTextAsync("· 44");
        await Assertions.Expect(admin.Locator($"[data-entry='{of35}']")).ToContainTextAsync("· 35");
        var filter = admin.GetByTestId("calendar-filter");
        await filter.GetByLabel("Département").SelectOptionAsync(new SelectOptionValue { Label = "35 Ille-et-Vilaine" });
        await filter.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();

        await Assertions.Expect(admin.Locator($"[data-entry='{of35}']")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator($"[data-entry='{of44}']")).ToHaveCountAsync(0);
        Assert.Contains($"departmentId={DemoUsers.Department35}", admin.Url, StringComparison.Ordinal);
        await admin.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Validator_sees_the_queue_count_in_the_header_opens_the_queue_and_validates_a_message_from_it()
    {
        var text = $"Appel à témoins : Jules, 13 ans, disparu à Saint-Nazaire ({Tag()}). Contactez le 17.";
        var id = await OfficerTestData.AddAsync(fixture.Factory, DemoUsers.Department44, MessageTestData.MissingPerson, text, MessageStatus.Submitted,
            customise: m => m.SubmittedAtUtc = fixture.Factory.UtcNow.AddMinutes(-30));
        var validator = await fixture.SharedSessionPageAsync(DemoUsers.Validator44);
        await validator.GotoAsync("/Messages");
        var count = validator.GetByTestId("queue-count");
        await Assertions.Expect(count).ToHaveTextAsync(new Regex(@"^\s*[1-9][0-9]*\s*$"));
        var before = int.Parse((await count.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);

        await validator.GetByTestId("queue-link").ClickAsync();
        await Assertions.Expect(validator.GetByRole(AriaRole.Heading, new() { Name = "Messages à valider" })).ToBeVisibleAsync();
        await Assertions.Expect(validator.GetByTestId("queue-total")).ToContainTextAsync($"{before} message(s)");
        var row = validator.Locator($"[data-testid=queue] tr[data-message='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("Disparition inquiétante");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(validator);
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await validator.WaitForURLAsync(url => url.EndsWith($"/Messages/{id}", StringComparison.Ordinal));
        await validator.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();

        await Assertions.Expect(validator.GetByTestId("status")).ToHaveTextAsync(ApprovedOrPublished());
        await Assertions.Expect(validator.GetByTestId("queue-count")).ToHaveTextAsync(new Regex($@"^\s*{before - 1}\s*$"));
        await validator.GetByTestId("queue-link").ClickAsync();
        await Assertions.Expect(validator.GetByTestId("queue-total")).ToContainTextAsync($"{before - 1} message(s)");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await validator.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Validator_creates_a_department_template_and_an_officer_starts_a_new_message_from_it()
    {
        var name = $"Faux agents ({Tag()})";
        const string Text = "Vol par ruse : de faux agents se présentent chez les personnes âgées. N'ouvrez pas, appelez le 17.";
        var validator = await fixture.SharedSessionPageAsync(DemoUsers.Validator44);
        await validator.GotoAsync("/");
        await validator.GetByRole(AriaRole.Link, new() { Name = "Modèles", Exact = true }).ClickAsync();
        await validator.GetByRole(AriaRole.Link, new() { Name = "Nouveau modèle" }).ClickAsync();

        // An empty form is refused, with the errors listed and beside their fields.
        await validator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le modèle" }).ClickAsync();
        await Assertions.Expect(validator.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le nom du modèle est obligatoire.");
        await Assertions.Expect(validator.Locator("#Input_Name-error")).ToBeVisibleAsync();
        await Assertions.Expect(validator.Locator("#Input_CategoryId-error")).ToHaveTextAsync("Choisissez une catégorie dans la liste.");
        await Assertions.Expect(validator.GetByLabel("Catégorie")).ToHaveAttributeAsync("aria-describedby", "Input_CategoryId-error");
        await Assertions.Expect(validator.GetByLabel("Nom du modèle")).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(validator);
        await Screenshots.SaveAsync(validator, "template-errors");

        await validator.GetByLabel("Nom du modèle").FillAsync(name);
        await validator.GetByLabel("Portée").SelectOptionAsync(new SelectOptionValue { Label = "44 Loire-Atlantique" });
        await validator.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Label = "Conseils à la population" });
        await validator.Locator("#Input_Text").FillAsync(Text);
        await validator.Locator("#Input_Hashtags").FillAsync("#Seniors #VolParRuse");
        await validator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le modèle" }).ClickAsync();

        await Assertions.Expect(validator.GetByText($"Modèle « {name} » enregistré.")).ToBeVisibleAsync();
        var row = validator.Locator("[data-testid=templates] tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("44");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = $"Modifier le modèle {name}" })).ToBeVisibleAsync();
        await validator.Context.CloseAsync();

        // The officer of 44 starts a new message and picks it: category, text and hashtags filled in.
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await officer.GotoAsync("/Messages");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Nouveau message" }).ClickAsync();
        var picker = officer.GetByTestId("template-picker");
        await picker.GetByLabel("Partir d'un modèle").SelectOptionAsync(new SelectOptionValue { Label = name });
        await picker.GetByRole(AriaRole.Button, new() { Name = "Appliquer le modèle" }).ClickAsync();

        await Assertions.Expect(officer.Locator("#Input_CategoryId option:checked")).ToHaveTextAsync("Conseils à la population");
        await Assertions.Expect(officer.GetByLabel("Texte du message")).ToHaveValueAsync(Text + " #Seniors #VolParRuse");
        await Assertions.Expect(officer.Locator("[data-post-preview] a", new() { HasText = "#VolParRuse" })).ToBeVisibleAsync();
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);

        // It saves as any message.
        await officer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync("Brouillon");
        await officer.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Dupliquer_opens_the_composer_prefilled_with_the_message()
    {
        var text = $"Contrôle routier boulevard des Anglais : 3 excès de vitesse relevés ({Tag()})";
        var id = await OfficerTestData.AddAsync(fixture.Factory, DemoUsers.Department44, 6, text, MessageStatus.Published, fixture.Factory.UtcNow.AddHours(-2));
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await officer.GotoAsync($"/Messages/{id}");

        await officer.GetByTestId("duplicate").GetByRole(AriaRole.Button, new() { Name = "Dupliquer" }).ClickAsync();

        await officer.WaitForURLAsync(url => url.Contains("/Messages/Edit/", StringComparison.Ordinal) && !url.EndsWith($"/{id}", StringComparison.Ordinal));
        await Assertions.Expect(officer.GetByTestId("flash")).ToContainTextAsync($"Copie du message n° {id} créée en brouillon");
        await Assertions.Expect(officer.GetByLabel("Texte du message")).ToHaveValueAsync(text);
        await Assertions.Expect(officer.Locator("#Input_CategoryId option:checked")).ToHaveTextAsync("Contrôle routier");
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);
        await Screenshots.SaveAsync(officer, "compose-duplicate");
        await officer.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Submitting_the_text_of_a_recent_post_warns_first_and_keeps_a_draft()
    {
        var text = $"Fermez vos portes à clé, même pour une courte absence ({Tag()})";
        var published = await OfficerTestData.AddAsync(fixture.Factory, DemoUsers.Department44, MessageTestData.Prevention, text, MessageStatus.Published, fixture.Factory.UtcNow.AddHours(-3));
        var officer = await fixture.SharedSessionPageAsync(DemoUsers.Officer44);
        await officer.GotoAsync($"/Messages/Edit?departmentId={DemoUsers.Department44}");
        await officer.GetByLabel(BrowserFixture.CategoryLabel).SelectOptionAsync(new SelectOptionValue { Label = "Prévention" });
        var typed = text.ToUpperInvariant();
        await officer.GetByLabel("Texte du message").FillAsync(typed);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre", Exact = true }).ClickAsync();

        var warning = officer.GetByTestId("duplicate-warning");
        await Assertions.Expect(warning).ToContainTextAsync($"publication n° {published}");
        await Assertions.Expect(warning.GetByRole(AriaRole.Link, new() { Name = $"Voir la publication n° {published}" })).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByLabel("Texte du message")).ToHaveValueAsync(typed);
        Assert.Equal(MessageStatus.Draft, await StatusOfAsync(typed));
        await BrowserFixture.AssertNoSeriousAccessibilityViolationsAsync(officer);

        // "Modifier le texte": the officer changes it, and the submission goes on.
        await warning.GetByRole(AriaRole.Link, new() { Name = "Modifier le texte" }).ClickAsync();
        await Assertions.Expect(officer.GetByLabel("Texte du message")).ToBeFocusedAsync();
        var changed = text + " Merci de votre vigilance.";
        await officer.GetByLabel("Texte du message").FillAsync(changed);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Soumettre", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("status")).ToHaveTextAsync(ApprovedOrPublished());
        await Assertions.Expect(officer.GetByTestId("duplicate-warning")).ToHaveCountAsync(0);
        await officer.Context.CloseAsync();
    }
}
