using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PoliceFeeds.Web.Startup;

namespace PoliceFeeds.IntegrationTests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a browser for forms: it reads pages, takes the antiforgery token from the form and
/// posts real form fields.
/// </summary>
public sealed class TestClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> GetAsync(string url) => await Http.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {Truncate(body)}");
        return await Parser.ParseDocumentAsync(body);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The antiforgery token of the first form of a page (or of the form matching the selector).</summary>
    /// <summary>The signed-in user's antiforgery token for any form, taken from the sign-out page's form.</summary>
    public async Task<string> AntiforgeryTokenAsync() => AntiforgeryToken(await GetPageAsync("/Account/Logout"), SignOutForm);

    /// <summary>The sign-out page's form (the header links to the page; no other page carries a token it does not need).</summary>
    public const string SignOutForm = "form[data-testid=logout-form]";

    public static string AntiforgeryToken(IHtmlDocument page, string formSelector = "form")
    {
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        var input = form.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement
            ?? throw new InvalidOperationException("The form has no antiforgery token.");
        return input.Value;
    }

    /// <summary>GETs <paramref name="pageUrl"/>, then posts the fields (with the page's antiforgery token) to <paramref name="postUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null, string formSelector = "form")
    {
        var page = await GetPageAsync(pageUrl);
        var token = AntiforgeryToken(page, formSelector);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await Http.PostAsync(new Uri(postUrl ?? pageUrl, UriKind.Relative), content);
    }

    /// <summary>Posts a multipart form (for uploads) with the antiforgery token of <paramref name="pageUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string pageUrl, MultipartFormDataContent content, string? postUrl = null, string formSelector = "form")
    {
        var page = await GetPageAsync(pageUrl);
        content.Add(new StringContent(AntiforgeryToken(page, formSelector)), "__RequestVerificationToken");
        return await Http.PostAsync(new Uri(postUrl ?? pageUrl, UriKind.Relative), content);
    }

    /// <summary>
    /// Signs in through the real sign-in form, with the second factor when asked (the demo national admin's
    /// authenticator key); asserts that it worked.
    /// </summary>
    public async Task SignInAsync(string email, string password = UserSeeder.DemoPassword, string? authenticatorKey = UserSeeder.DemoAdminAuthenticatorKey)
    {
        using var response = await PostFormAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} answered {(int)response.StatusCode}");
        if (response.Headers.Location?.OriginalString.Contains("LoginWith2fa", StringComparison.Ordinal) == true && authenticatorKey is not null)
        {
            using var second = await PostFormAsync(response.Headers.Location.OriginalString, [new("Code", Totp.Code(authenticatorKey))]);
            Assert.True(second.StatusCode == HttpStatusCode.Redirect, $"Second factor of {email} answered {(int)second.StatusCode}");
        }
    }

    public void Dispose() => Http.Dispose();

    private static string Truncate(string s) => s.Length > 2000 ? s[..2000] : s;
}
