using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.IntegrationTests.Infrastructure;
using PoliceFeeds.IntegrationTests.Messages;
using PoliceFeeds.IntegrationTests.Publishing;

namespace PoliceFeeds.IntegrationTests.Security;

/// <summary>
/// Hostile-input suite, every page of the app: a POST with no handler, or with a handler the page does not have, answers
/// 400 or 404, never a 500. The pages are read from the app's endpoint data source, so a new page is covered as soon as
/// it exists.
/// </summary>
public sealed class UnknownHandlerTests : IAsyncLifetime
{
    private readonly PoliceFeedsAppFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Settings["Publishing:RunHostedService"] = "false";
        _ = _factory.Services;
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>One page of the app: its route template, and whether it has a POST handler without a name.</summary>
    private sealed record AppPage(string ViewEnginePath, Microsoft.AspNetCore.Routing.Patterns.RoutePattern Route, bool HasUnnamedPost);

    private async Task<List<AppPage>> AppPagesAsync()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var loader = _factory.Services.GetRequiredService<PageLoader>();
        var pages = new List<AppPage>();
        foreach (var group in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            // The longest template of a page (Index pages also answer on their folder).
            var endpoint = group.OrderByDescending(e => e.RoutePattern.RawText?.Length ?? 0).First();
            var compiled = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            var unnamedPost = compiled.HandlerMethods.Any(h => h.Name is null && string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase));
            pages.Add(new AppPage(group.Key, endpoint.RoutePattern, unnamedPost));
        }

        return pages;
    }

    private static string Url(AppPage page, IReadOnlyDictionary<string, string> values)
    {
        var segments = page.Route.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name, "1"),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    [Fact]
    public async Task Every_page_answers_400_or_404_to_a_post_without_a_handler_or_with_an_unknown_one()
    {
        var messageId = (await PublishingTestData.AddDueMessagesAsync(_factory, DemoUsers.Department62, 1, _factory.UtcNow.AddDays(2), "Gestionnaire inconnu", m =>
        {
            m.Status = MessageStatus.Submitted;
            m.DueAtUtc = m.NextAttemptAtUtc = null;
            m.Photos.Add(new MessagePhoto { ContentType = "image/png", Content = MessageTestData.Png, Length = MessageTestData.Png.Length, AltText = "Une photo" });
        })).Single();
        var photoId = await PublishingTestData.WithDbAsync(_factory, db => Task.FromResult(db.MessagePhotos.Where(p => p.MessageId == messageId).Select(p => p.Id).Single()));
        var values = new Dictionary<string, string>
        {
            ["id"] = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["photoId"] = photoId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["departmentId"] = DemoUsers.Department62.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var admin = _factory.CreateTestClient();
        using var anonymous = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var token = TestClient.AntiforgeryToken(await admin.GetPageAsync("/Admin"));
        var pages = await AppPagesAsync();
        Assert.True(pages.Count >= 20, $"Only {pages.Count} pages found: {string.Join(", ", pages.Select(p => p.ViewEnginePath))}");
        Assert.Contains(pages, p => p.ViewEnginePath == "/Messages/Details");
        Assert.Contains(pages, p => p.ViewEnginePath == "/Admin/Accounts/Edit");

        var failures = new List<string>();
        var checkedPosts = 0;
        foreach (var page in pages)
        {
            var url = Url(page, values);
            // The sign-in pages are read signed out (the enrolment page signs an enrolled admin out, by design).
            var reader = page.ViewEnginePath.StartsWith("/Account/", StringComparison.Ordinal) ? anonymous : admin;
            using (var get = await reader.GetAsync(url + "?handler=Nope"))
            {
                if ((int)get.StatusCode >= 500)
                {
                    failures.Add($"GET {url}?handler=Nope: {(int)get.StatusCode}");
                }
            }

            // A page with an unnamed POST handler takes every POST to it (sign-in, sign-out...): its own tests cover it.
            if (page.HasUnnamedPost)
            {
                continue;
            }

            foreach (var target in new[] { url, url + "?handler=Nope", url + "?handler=" })
            {
                using var withToken = await admin.Http.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Text", "x")]));
                using var withoutToken = await admin.Http.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent([new("Input.Text", "x")]));
                checkedPosts++;
                if (withToken.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest))
                {
                    failures.Add($"POST {target}: {(int)withToken.StatusCode} {withToken.Headers.Location}");
                }

                if (withoutToken.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest))
                {
                    failures.Add($"POST {target} without token: {(int)withoutToken.StatusCode} {withoutToken.Headers.Location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedPosts >= 3 * 15, $"{checkedPosts} posts checked");

        // Still signed in, and nothing changed.
        Assert.Equal(MessageStatus.Submitted, (await MessageTestData.LoadAsync(_factory, messageId)).Status);
        using var home = await admin.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Theory]
    [InlineData("/Messages/{0}")]
    [InlineData("/Messages/{0}?handler=Nope")]
    [InlineData("/Admin/Accounts/1?handler=Nope")]
    public async Task The_requests_of_the_issue_answer_404(string template)
    {
        var messageId = (await PublishingTestData.AddDueMessagesAsync(_factory, DemoUsers.Department44, 1, _factory.UtcNow.AddDays(2))).Single();
        using var admin = _factory.CreateTestClient();
        await admin.SignInAsync(DemoUsers.Admin);
        var token = TestClient.AntiforgeryToken(await admin.GetPageAsync("/Admin"));

        using var response = await admin.Http.PostAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, messageId), UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("introuvable", (await TestClient.ParseAsync(response)).Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
