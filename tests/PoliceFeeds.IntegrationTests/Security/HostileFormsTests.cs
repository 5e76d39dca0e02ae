using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;
using PoliceFeeds.IntegrationTests.TimeBound;

namespace PoliceFeeds.IntegrationTests.Security;

/// <summary>One app and signed-in clients shared by the hostile-input cases (signing in is the slow part).</summary>
public sealed class HostileFormsFixture : IAsyncLifetime
{
    public PoliceFeedsAppFactory Factory { get; } = new();

    public TestClient Admin { get; private set; } = null!;

    public TestClient Validator62 { get; private set; } = null!;

    public TestClient Officer62 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory.Settings["Publishing:RunHostedService"] = "false";
        Admin = Factory.CreateTestClient();
        await Admin.SignInAsync(DemoUsers.Admin);
        Validator62 = Factory.CreateTestClient();
        await Validator62.SignInAsync(DemoUsers.Validator62);
        Officer62 = Factory.CreateTestClient();
        await Officer62.SignInAsync(DemoUsers.Officer62);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        Validator62.Dispose();
        Officer62.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>
/// The rest of the hostile-input suite: every administration form, every reason field, the time-bound and validation
/// handlers with hostile ids, and fake uploads. Every case: never a 500; a refusal shows a French message and changes
/// no row; what is accepted is stored as typed and shown as text.
/// </summary>
public sealed class HostileFormsTests(HostileFormsFixture fixture) : IClassFixture<HostileFormsFixture>
{
    private static readonly string[] Hostile =
    [
        "<script>alert(document.cookie)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg/onload=alert(1)>",
        new string('A', 5000),
        "texte \uFFFE interdit",
        "contrôle \u0001\u0007\u001B",
        "\u202Egnp.exe\u202C",
        "'; DROP TABLE Departments; --",
        "=SOMME(A1)+cmd|' /C calc'!A0",
        "ligne\r\nSet-Cookie: pris=1",
        "\0nul",
        "   ",
        "{{7*7}} ${7*7} @(1+1)",
        "../../etc/passwd %00",
    ];

    private static readonly string[] Markup = ["<script>alert", "<img src=x", "<svg/onload"];

    private PoliceFeedsAppFactory Factory => fixture.Factory;

    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    public static TheoryData<string, int> DepartmentCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in new[] { "Input.Name", "Input.TimeZoneId", "Input.DeviationEndTemplate", "Input.FoundThanksTemplate" })
        {
            for (var i = 0; i < Hostile.Length; i++)
            {
                data.Add(field, i);
            }
        }

        return data;
    }

    public static TheoryData<int> HostileIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Hostile.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static async Task AssertRefusedInFrenchAsync(HttpResponseMessage response)
    {
        var page = await TestClient.ParseAsync(response);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // A NUL character makes the request itself invalid: the framework refuses it before any handler runs, and
            // the person sees the French error page.
            Assert.True(page.Body!.TextContent.Contains("Demande invalide", StringComparison.Ordinal), page.Body.TextContent);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = page.QuerySelectorAll("[role=alert] li, [role=alert] p").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Contains("is not valid", StringComparison.Ordinal) || e.Contains("must not", StringComparison.Ordinal) || e.Contains("required", StringComparison.Ordinal));
    }

    private async Task AssertShownAsTextAsync(TestClient client, string url)
    {
        using var page = await client.GetAsync(url);
        Assert.True((int)page.StatusCode < 500, $"{url} answered {(int)page.StatusCode}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.All(Markup, m => Assert.DoesNotContain(m, html, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DepartmentCases))]
    public async Task Department_form_fields(string field, int hostile)
    {
        var value = Hostile[hostile];
        var before = await PublishingTestData.WithDbAsync(Factory, db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == 4));
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Bas-Rhin",
            ["Input.TimeZoneId"] = "Europe/Paris",
            ["Input.IsActive"] = "true",
            ["Input.DeviationEndAction"] = "Reply",
            ["Input.DeviationEndTemplate"] = "Fin de la déviation à {heure}.",
            ["Input.FoundThanksTemplate"] = "Merci à toutes et à tous.",
            ["Input.RedactFoundAppealsAfterDays"] = "30",
            ["Input.FlagOpenAppealsAfterDays"] = "7",
        };
        fields[field] = value;

        using var response = await fixture.Admin.PostFormAsync("/Admin/Departments/Edit/4", fields.Select(f => F(f.Key, f.Value)));

        Assert.True((int)response.StatusCode < 500);
        var after = await PublishingTestData.WithDbAsync(Factory, db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == 4));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var stored = field switch
            {
                "Input.Name" => after.Name,
                "Input.TimeZoneId" => after.TimeZoneId,
                "Input.DeviationEndTemplate" => after.DeviationEndTemplate,
                _ => after.FoundThanksTemplate,
            };
            // An empty time zone takes the department's default one.
            Assert.Equal(field == "Input.TimeZoneId" && value.Trim().Length == 0 ? "Europe/Paris" : value.Trim(), stored);
            await AssertShownAsTextAsync(fixture.Admin, "/Admin");
            await AssertShownAsTextAsync(fixture.Admin, "/Admin/Departments/Edit/4");
        }
        else
        {
            await AssertRefusedInFrenchAsync(response);
            Assert.Equal((before.Name, before.TimeZoneId, before.DeviationEndTemplate, before.FoundThanksTemplate, before.IsActive),
                (after.Name, after.TimeZoneId, after.DeviationEndTemplate, after.FoundThanksTemplate, after.IsActive));
        }
    }

    [Theory]
    [MemberData(nameof(HostileIndexes))]
    public async Task Rejection_reason(int hostile)
    {
        var reason = Hostile[hostile];
        var id = (await PublishingTestData.AddDueMessagesAsync(Factory, DemoUsers.Department62, 1, Factory.UtcNow.AddHours(1), "À valider", m =>
        {
            m.Status = MessageStatus.Submitted;
            m.DueAtUtc = m.NextAttemptAtUtc = null;
        })).Single();

        using var response = await fixture.Validator62.ActAsync(id, "Reject", F("RejectionReason", reason));

        Assert.True((int)response.StatusCode < 500);
        var message = await MessageTestData.LoadAsync(Factory, id);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal((MessageStatus.Rejected, reason.Trim()), (message.Status, message.RejectionReason));
            await AssertShownAsTextAsync(fixture.Validator62, $"/Messages/{id}");
        }
        else
        {
            await AssertRefusedInFrenchAsync(response);
            Assert.Equal(MessageStatus.Submitted, message.Status);
            Assert.Empty(await TimeBoundTestData.AuditActionsAsync(Factory, id));
        }
    }

    [Theory]
    [MemberData(nameof(HostileIndexes))]
    public async Task Withdrawal_reason(int hostile)
    {
        var reason = Hostile[hostile];
        var id = await TimeBoundTestData.AddPublishedAsync(Factory, DemoUsers.Department62, TimeBoundTestData.Prevention, "Publié " + Guid.NewGuid().ToString("N"), Factory.UtcNow.AddHours(-1), DemoUsers.Officer62);

        using var response = await fixture.Validator62.ActAsync(id, "Withdraw", F("WithdrawalReason", reason));

        Assert.True((int)response.StatusCode < 500);
        var message = await MessageTestData.LoadAsync(Factory, id);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal(MessageStatus.WithdrawalRequested, message.Status);
            await AssertShownAsTextAsync(fixture.Validator62, $"/Messages/{id}");
        }
        else
        {
            await AssertRefusedInFrenchAsync(response);
            Assert.Equal(MessageStatus.Published, message.Status);
        }
    }

    [Theory]
    [MemberData(nameof(HostileIndexes))]
    public async Task Department_pause_reason(int hostile)
    {
        var reason = Hostile[hostile];
        await PublishingTestData.WithDbAsync(Factory, db => db.Departments.Where(d => d.Id == 5)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.PublishingPaused, false).SetProperty(d => d.PauseReason, (string?)null)));

        using var response = await fixture.Admin.PostFormAsync("/Admin", [F("Pause.Reason", reason)], "/Admin?handler=PauseDepartment&departmentId=5");

        Assert.True((int)response.StatusCode < 500);
        var department = await PublishingTestData.WithDbAsync(Factory, db => db.Departments.AsNoTracking().SingleAsync(d => d.Id == 5));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal((true, reason.Trim()), (department.PublishingPaused, department.PauseReason));
            await AssertShownAsTextAsync(fixture.Admin, "/Admin");
        }
        else
        {
            await AssertRefusedInFrenchAsync(response);
            Assert.False(department.PublishingPaused);
        }
    }

    [Theory]
    [MemberData(nameof(HostileIndexes))]
    public async Task Category_hashtags(int hostile)
    {
        var hashtags = Hostile[hostile];
        var before = await PublishingTestData.WithDbAsync(Factory, db => db.Categories.AsNoTracking().SingleAsync(c => c.Id == 7));

        using var response = await fixture.Admin.PostFormAsync("/Admin/Categories/Edit/7", [F("Input.SuggestedHashtags", hashtags)]);

        Assert.True((int)response.StatusCode < 500);
        var after = await PublishingTestData.WithDbAsync(Factory, db => db.Categories.AsNoTracking().SingleAsync(c => c.Id == 7));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            await AssertShownAsTextAsync(fixture.Admin, "/Admin/Categories");
        }
        else
        {
            await AssertRefusedInFrenchAsync(response);
            Assert.Equal((before.SuggestedHashtags, before.RequiresValidation), (after.SuggestedHashtags, after.RequiresValidation));
        }
    }

    [Theory]
    [MemberData(nameof(HostileIndexes))]
    public async Task User_display_name(int hostile)
    {
        var name = Hostile[hostile];
        var email = $"hostile{hostile}.{Guid.NewGuid():N}@demo.policefeeds.fr"[..60];
        var before = await PublishingTestData.WithDbAsync(Factory, db => db.Users.CountAsync());

        using var response = await fixture.Admin.PostFormAsync("/Admin/Users/Edit",
            [F("Input.Email", email), F("Input.DisplayName", name), F("Input.Roles", "Officer"), F("Input.DepartmentIds", "3")]);

        Assert.True((int)response.StatusCode < 500);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var user = await PublishingTestData.WithDbAsync(Factory, db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
            Assert.Equal(name.Trim(), user.DisplayName);
            await AssertShownAsTextAsync(fixture.Admin, "/Admin/Users");
        }
        else
        {
            await AssertRefusedInFrenchAsync(response);
            Assert.Equal(before, await PublishingTestData.WithDbAsync(Factory, db => db.Users.CountAsync()));
        }
    }

    private static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("bombe.png", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                entry.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    public static TheoryData<string, string> FakeUploads => new()
    {
        { "zip-bomb", "bombe.png" },
        { "gif-header-script", "anim.gif" },
        { "png-header-html", "photo.png" },
        { "jpeg-header-script", "photo.jpg" },
        { "webp-wrong-size", "photo.webp" },
        { "png-without-ihdr", "photo.png" },
        { "empty", "vide.jpg" },
        { "script-named-jpg", "photo.jpg" },
    };

    private static byte[] Upload(string kind)
    {
        var script = Encoding.UTF8.GetBytes("<script>alert(document.cookie)</script><html><body>pas une image</body></html>");
        return kind switch
        {
            "zip-bomb" => ZipBomb(),
            "gif-header-script" => [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, .. script],
            "png-header-html" => [.. MessageTestData.Png.AsSpan(0, 33), .. script],
            "jpeg-header-script" => [0xFF, 0xD8, 0xFF, 0xE0, .. script],
            "webp-wrong-size" => [.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "WEBP"u8, .. "VP8 "u8, .. script],
            "png-without-ihdr" => [.. MessageTestData.Png.AsSpan(0, 8), .. script, .. "IEND"u8],
            "empty" => [],
            _ => script,
        };
    }

    [Theory]
    [MemberData(nameof(FakeUploads))]
    public async Task Fake_and_hostile_uploads_are_refused_in_french_and_store_nothing(string kind, string fileName)
    {
        var before = await MessageTestData.CountMessagesAsync(Factory);
        var photos = await PublishingTestData.WithDbAsync(Factory, db => db.MessagePhotos.CountAsync());
        using var form = MessageTestData.ComposeForm(DemoUsers.Department62, MessageTestData.Prevention, "Photo piégée " + kind);
        form.AddPhoto(0, Upload(kind), fileName, "Description de la photo", "image/png");

        using var response = await fixture.Officer62.ComposeAsync(form, "Save", DemoUsers.Department62);

        await AssertRefusedInFrenchAsync(response);
        Assert.Equal(before, await MessageTestData.CountMessagesAsync(Factory));
        Assert.Equal(photos, await PublishingTestData.WithDbAsync(Factory, db => db.MessagePhotos.CountAsync()));
    }

    public static TheoryData<string, string> HostileIdPosts()
    {
        var data = new TheoryData<string, string>();
        foreach (var handler in new[] { "Found", "EndDeviation", "Withdraw", "Approve", "Reject", "Cancel", "Retry", "Submit" })
        {
            foreach (var id in new[] { "0", "-1", "9223372036854775807", "99999999" })
            {
                data.Add(handler, id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileIdPosts))]
    public async Task Message_handlers_with_hostile_ids_change_nothing(string handler, string id)
    {
        var messages = await MessageTestData.CountMessagesAsync(Factory);
        var audit = await PublishingTestData.WithDbAsync(Factory, db => db.AuditEntries.CountAsync());
        var page = await fixture.Validator62.GetPageAsync($"/Messages/Edit?departmentId={DemoUsers.Department62}");
        var token = TestClient.AntiforgeryToken(page, "#message-form");

        using var response = await fixture.Validator62.Http.PostAsync(new Uri($"/Messages/{id}?handler={handler}", UriKind.Relative),
            new FormUrlEncodedContent([F("Version", "0"), F("RejectionReason", "x"), F("WithdrawalReason", "x"), F("__RequestVerificationToken", token)]));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(messages, await MessageTestData.CountMessagesAsync(Factory));
        Assert.Equal(audit, await PublishingTestData.WithDbAsync(Factory, db => db.AuditEntries.CountAsync()));
    }
}
