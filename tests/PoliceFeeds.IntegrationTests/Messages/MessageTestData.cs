using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.IntegrationTests.Messages;

/// <summary>Small helpers to post the compose form and read the database in the messages tests.</summary>
public static class MessageTestData
{
    public const int Prevention = 1;
    public const int MissingPerson = 4;

    /// <summary>
    /// "yyyy-MM-ddTHH:mm" for <paramref name="hour"/>:00 in Paris, <paramref name="days"/> days after today on the app's clock:
    /// what an officer types in the schedule field. A whole hour away from 02:00, so never in a daylight-saving gap.
    /// </summary>
    public static string ParisLocalInDays(PoliceFeedsAppFactory factory, int days, int hour = 10)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var today = TimeZoneInfo.ConvertTime(factory.Now, paris).Date;
        return today.AddDays(days).AddHours(hour).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static MultipartFormDataContent ComposeForm(int departmentId, int categoryId, string text, ScheduleMode mode = ScheduleMode.AsSoonAsValidated, string? scheduledLocal = null, int version = 0)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.DepartmentId" },
            { new StringContent(categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.CategoryId" },
            { new StringContent(text, Encoding.UTF8), "Input.Text" },
            { new StringContent(mode.ToString()), "Input.ScheduleMode" },
            { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.Version" },
        };
        if (scheduledLocal is not null)
        {
            form.Add(new StringContent(scheduledLocal), "Input.ScheduledLocal");
        }

        return form;
    }

    public static void AddPhoto(this MultipartFormDataContent form, int index, byte[] content, string fileName, string? altText, string contentType = "image/jpeg")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, $"Input.NewPhotos[{index}].File", fileName);
        if (altText is not null)
        {
            form.Add(new StringContent(altText, Encoding.UTF8), $"Input.NewPhotos[{index}].AltText");
        }
    }

    /// <summary>Posts the compose form (new message) with the handler "Save" or "Submit".</summary>
    public static Task<HttpResponseMessage> ComposeAsync(this TestClient client, MultipartFormDataContent form, string handler = "Save", int departmentId = DemoUsers.Department44) =>
        client.PostMultipartAsync($"/Messages/Edit?departmentId={departmentId}", form, $"/Messages/Edit?handler={handler}", "#message-form");

    public static long IdFromLocation(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}");
        return long.Parse(location.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var page = await TestClient.ParseAsync(response);
        return page.QuerySelectorAll("[role=alert] li, [role=alert] p:not(.fw-semibold)").Select(e => e.TextContent.Trim()).ToList();
    }

    public static async Task<int> CountMessagesAsync(PoliceFeedsAppFactory factory)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Messages.CountAsync();
    }

    public static async Task<Message> LoadAsync(PoliceFeedsAppFactory factory, long id)
    {
        await using var scope = factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PoliceFeedsDbContext>().Messages.AsNoTracking().Include(m => m.Photos).SingleAsync(m => m.Id == id);
    }

    /// <summary>Posts one of the message page's action forms (Submit, Approve, Reject, Cancel, Retry).</summary>
    public static async Task<HttpResponseMessage> ActAsync(this TestClient client, long id, string handler, params KeyValuePair<string, string>[] extra)
    {
        var page = await client.GetPageAsync($"/Messages/{id}");
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f => (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No {handler} form on the message page.");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(extra);
        return await client.Http.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), new FormUrlEncodedContent(fields));
    }
}
