using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Accounts;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Publishing;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Admin;

/// <summary>
/// The national dashboard and its JSON twin, on deliveries seeded at fixed instants: each department's day and week are
/// its own (Paris, Guadeloupe, La Réunion), read at Monday 00:30 and Sunday 23:30 in Paris.
/// </summary>
public sealed class NationalDashboardTests : IAsyncLifetime
{
    private static DateTime Utc(int day, int hour, int minute) => new(2026, 12, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Monday 7 December 2026, 00:30 in Paris (Sunday 19:30 in Guadeloupe, Monday 03:30 in La Réunion).</summary>
    private static readonly DateTimeOffset MondayHalfPastMidnightParis = new(Utc(6, 23, 30));

    /// <summary>Sunday 13 December 2026, 23:30 in Paris.</summary>
    private static readonly DateTimeOffset SundayHalfPastElevenParis = new(Utc(13, 22, 30));

    private readonly PoliceFeedsAppFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        await using var scope = _factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>();
        var author = await db.Users.Where(u => u.Email == DemoUsers.Officer44).Select(u => u.Id).SingleAsync();

        var guadeloupe = await db.Departments.SingleAsync(d => d.Code == "971");
        var reunion = await db.Departments.SingleAsync(d => d.Code == "974");
        foreach (var department in new[] { guadeloupe, reunion })
        {
            department.IsActive = true;
            department.Accounts.Add(new PublishingAccount { Handle = "PoliceNat" + department.Code });
        }

        reunion.Accounts[0].State = AccountState.NeedsReconnecting;
        reunion.ServiceName = "DDPN 974";
        var loire = await db.Departments.Include(d => d.Accounts).SingleAsync(d => d.Id == DemoUsers.Department44);
        loire.Pause(author, "Exercice", Utc(6, 12, 0));
        await db.SaveChangesAsync();

        void Add(int departmentId, int accountId, MessageStatus status, params Delivery[] deliveries)
        {
            var message = Message.CreateDraft(departmentId, 1, "Tableau de bord " + Guid.NewGuid().ToString("N"), author, Utc(1, 8, 0));
            message.Status = status;
            foreach (var delivery in deliveries)
            {
                delivery.DepartmentId = departmentId;
                delivery.AccountId = accountId;
                message.Deliveries.Add(delivery);
            }

            db.Messages.Add(message);
        }

        Delivery Sent(DateTime at) => new() { Status = DeliveryStatus.Sent, SentAtUtc = at, RemotePostId = "1" + at.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)[..15] };
        Delivery Failed(DateTime at) => new() { Status = DeliveryStatus.Failed, FailedAtUtc = at, Failure = DeliveryFailure.Rejected };
        Delivery Takedown(DeliveryStatus status, bool withdrawIfFound) => new() { Status = status, WithdrawIfFound = withdrawIfFound, SentAtUtc = Utc(1, 9, 0), NextAttemptAtUtc = Utc(31, 0, 0) };

        var loireAccount = loire.Accounts[0].Id;
        Add(loire.Id, loireAccount, MessageStatus.Published, Sent(Utc(6, 23, 10)));        // Monday 00:10 in Paris
        Add(loire.Id, loireAccount, MessageStatus.Published, Sent(Utc(6, 22, 45)));        // Sunday 23:45 in Paris: the week before
        Add(loire.Id, loireAccount, MessageStatus.Published, Sent(Utc(13, 20, 0)));        // Sunday 13, 21:00 in Paris
        Add(loire.Id, loireAccount, MessageStatus.Failed, Failed(Utc(6, 23, 20)));         // Monday 00:20 in Paris
        Add(loire.Id, loireAccount, MessageStatus.Submitted);
        Add(loire.Id, loireAccount, MessageStatus.Submitted);
        Add(loire.Id, loireAccount, MessageStatus.WithdrawalRequested, Takedown(DeliveryStatus.WithdrawalRequested, false));
        Add(loire.Id, loireAccount, MessageStatus.Cancelled, Takedown(DeliveryStatus.CheckRequested, true));
        Add(loire.Id, loireAccount, MessageStatus.Approved, Takedown(DeliveryStatus.CheckRequested, false)); // a check, not a takedown
        Add(guadeloupe.Id, guadeloupe.Accounts[0].Id, MessageStatus.Published, Sent(Utc(6, 20, 0)));  // Sunday 16:00 in Guadeloupe
        Add(reunion.Id, reunion.Accounts[0].Id, MessageStatus.Published, Sent(Utc(6, 21, 0)));      // Monday 01:00 in La Réunion
        Add(reunion.Id, reunion.Accounts[0].Id, MessageStatus.Published, Sent(Utc(6, 19, 30)));     // Sunday 23:30 in La Réunion
        Add(reunion.Id, reunion.Accounts[0].Id, MessageStatus.Published, Sent(Utc(13, 21, 0)));     // Monday 14, 01:00 in La Réunion
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<TestClient> SignInAsync(string email, DateTimeOffset at)
    {
        _factory.Clock.SetUtcNow(at);
        var client = _factory.CreateTestClient();
        await client.SignInAsync(email);
        return client;
    }

    private static string Figure(AngleSharp.Html.Dom.IHtmlDocument page, string code, string figure) =>
        page.QuerySelector($"tr[data-department='{code}'] [data-figure='{figure}']")!.TextContent.Trim();

    [Fact]
    public async Task At_monday_0030_in_Paris_each_department_counts_its_own_day_and_week()
    {
        using var admin = await SignInAsync(DemoUsers.Admin, MondayHalfPastMidnightParis);
        var page = await admin.GetPageAsync("/Admin/Dashboard");

        Assert.Equal(("1", "1", "2", "1", "1", "2"), (Figure(page, "44", "posted-today"), Figure(page, "44", "posted-week"), Figure(page, "44", "awaiting"),
            Figure(page, "44", "failed-today"), Figure(page, "44", "failed-week"), Figure(page, "44", "takedowns")));
        Assert.NotNull(page.QuerySelector("tr[data-department='44'] [data-testid=paused]"));
        Assert.Equal(("1", "1"), (Figure(page, "971", "posted-today"), Figure(page, "971", "posted-week")));
        Assert.Equal(("1", "1"), (Figure(page, "974", "posted-today"), Figure(page, "974", "posted-week")));
        Assert.NotNull(page.QuerySelector("tr[data-department='974'] [data-testid=reconnect]"));
        Assert.Null(page.QuerySelector("tr[data-department='59']"));
        Assert.Equal($"/Messages?departmentId={DemoUsers.Department44}&status=Submitted",
            page.QuerySelector("tr[data-department='44'] [data-figure=awaiting] a")!.GetAttribute("href"));

        var json = await JsonAsync(admin);
        var loire = Department(json, "44");
        Assert.Equal((1, 1), (loire.GetProperty("posted").GetProperty("today").GetInt32(), loire.GetProperty("posted").GetProperty("thisWeek").GetInt32()));
        Assert.Equal((2, 2, true), (loire.GetProperty("awaitingValidation").GetInt32(), loire.GetProperty("takedownsInProgress").GetInt32(), loire.GetProperty("paused").GetBoolean()));
        Assert.Equal("2026-12-06T23:00:00Z", loire.GetProperty("weekStartUtc").GetString());
        var reunion = Department(json, "974");
        Assert.Equal(("DDPN 974", "Indian/Reunion", true), (reunion.GetProperty("serviceName").GetString(), reunion.GetProperty("timeZone").GetString(), reunion.GetProperty("accountToReconnect").GetBoolean()));
        Assert.Equal("2026-12-06T20:00:00Z", reunion.GetProperty("todayStartUtc").GetString());
    }

    [Fact]
    public async Task At_sunday_2330_in_Paris_the_week_runs_from_monday_and_la_reunion_is_already_in_the_next_one()
    {
        using var admin = await SignInAsync(DemoUsers.Admin, SundayHalfPastElevenParis);
        var page = await admin.GetPageAsync("/Admin/Dashboard");

        Assert.Equal(("1", "2", "0", "1"), (Figure(page, "44", "posted-today"), Figure(page, "44", "posted-week"), Figure(page, "44", "failed-today"), Figure(page, "44", "failed-week")));
        Assert.Equal(("0", "0"), (Figure(page, "971", "posted-today"), Figure(page, "971", "posted-week")));
        // 02:30 on Monday 14 in La Réunion: a new day and a new week there.
        Assert.Equal(("1", "1"), (Figure(page, "974", "posted-today"), Figure(page, "974", "posted-week")));
    }

    [Fact]
    public async Task The_json_endpoint_answers_401_without_a_session_and_403_to_anyone_but_a_national_admin()
    {
        _factory.Clock.SetUtcNow(MondayHalfPastMidnightParis);
        using var anonymous = _factory.CreateTestClient();
        using var unauthenticated = await anonymous.GetAsync("/api/admin/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        using var validator = await SignInAsync(DemoUsers.Validator44, MondayHalfPastMidnightParis);
        using var forbidden = await validator.GetAsync("/api/admin/dashboard");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.DoesNotContain("awaitingValidation", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var officerPage = await validator.GetAsync("/Admin/Dashboard");
        Assert.NotEqual(HttpStatusCode.OK, officerPage.StatusCode);
    }

    [Fact]
    public async Task The_json_output_has_exactly_the_properties_its_OpenAPI_description_names()
    {
        using var admin = await SignInAsync(DemoUsers.Admin, MondayHalfPastMidnightParis);
        var json = await JsonAsync(admin);
        using var anonymous = _factory.CreateTestClient();
        using var described = await anonymous.GetAsync("/openapi/monitoring.json");
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        using var document = JsonDocument.Parse(await described.Content.ReadAsStringAsync());
        var root = document.RootElement;

        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/admin/dashboard"], paths);
        var operation = root.GetProperty("paths").GetProperty("/api/admin/dashboard").GetProperty("get");
        Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _));
        var schema = Resolve(root, operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        AssertSameShape(root, schema, json, "$");
    }

    /// <summary>Every object of the output has the properties its schema describes, no more, no fewer, down the tree.</summary>
    private static void AssertSameShape(JsonElement document, JsonElement schema, JsonElement value, string path)
    {
        schema = Resolve(document, schema);
        if (value.ValueKind == JsonValueKind.Object)
        {
            var described = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();
            var actual = value.EnumerateObject().Select(p => p.Name).Order().ToList();
            Assert.True(described.SequenceEqual(actual), $"{path}: described [{string.Join(", ", described)}], output [{string.Join(", ", actual)}]");
            foreach (var property in value.EnumerateObject())
            {
                AssertSameShape(document, schema.GetProperty("properties").GetProperty(property.Name), property.Value, path + "." + property.Name);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            Assert.True(value.GetArrayLength() > 0, $"{path}: the seeded data should fill the array");
            foreach (var item in value.EnumerateArray())
            {
                AssertSameShape(document, schema.GetProperty("items"), item, path + "[]");
            }
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Replace("#/components/schemas/", "", StringComparison.Ordinal);
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private static async Task<JsonElement> JsonAsync(TestClient admin)
    {
        using var response = await admin.GetAsync("/api/admin/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Department(JsonElement json, string code) =>
        json.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("code").GetString() == code);
}
