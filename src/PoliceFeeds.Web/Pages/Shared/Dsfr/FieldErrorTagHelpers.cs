using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PoliceFeeds.Web.Pages.Shared.Dsfr;

/// <summary>
/// DSFR errors beside the field: <c>&lt;div pf-group="input" pf-errors-for="Input.Text"&gt;</c> becomes
/// <c>fr-input-group</c> (<c>fr-select-group</c>, <c>fr-fieldset</c>…) and, when the model state has errors for that key
/// (or keys starting with one of <c>pf-errors-prefix</c>, comma-separated), takes the error style and ends with
/// <c>&lt;p class="fr-error-text" id="{id}-error"&gt;</c>, which the field's <c>aria-describedby</c> points to.
/// </summary>
[HtmlTargetElement("div", Attributes = "pf-errors-for")]
[HtmlTargetElement("fieldset", Attributes = "pf-errors-for")]
public sealed class FieldErrorGroupTagHelper : TagHelper
{
    [HtmlAttributeName("pf-errors-for")]
    public string For { get; set; } = "";

    [HtmlAttributeName("pf-errors-prefix")]
    public string? Prefixes { get; set; }

    /// <summary>input, select, upload, checkbox, radio or fieldset.</summary>
    [HtmlAttributeName("pf-group")]
    public string Group { get; set; } = "input";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var baseClass = Group == "fieldset" ? "fr-fieldset" : $"fr-{Group}-group";
        output.AddClass(baseClass, HtmlEncoder.Default);
        var errors = FieldErrors.For(ViewContext.ModelState, For, Prefixes);
        if (errors.Count == 0)
        {
            return;
        }

        output.AddClass(baseClass + "--error", HtmlEncoder.Default);
        if (Group == "fieldset")
        {
            output.Attributes.SetAttribute("aria-labelledby", context.AllAttributes.TryGetAttribute("aria-labelledby", out var labelled) ? $"{labelled.Value} {FieldErrors.Id(For)}-error" : $"{FieldErrors.Id(For)}-error");
        }

        var message = new TagBuilder("p");
        message.AddCssClass("fr-error-text");
        message.Attributes["id"] = FieldErrors.Id(For) + "-error";
        message.InnerHtml.Append(string.Join(" ", errors));
        output.PostContent.AppendHtml(Group == "fieldset" ? Wrap(message) : message);
    }

    private static TagBuilder Wrap(TagBuilder message)
    {
        var messages = new TagBuilder("div");
        messages.AddCssClass("fr-messages-group");
        messages.Attributes["aria-live"] = "polite";
        messages.InnerHtml.AppendHtml(message);
        return messages;
    }
}

/// <summary>
/// Runs after the framework's input/select/textarea tag helpers: a field with errors gets the DSFR error class,
/// <c>aria-invalid</c> and <c>aria-describedby</c> pointing at its error text (added by <see cref="FieldErrorGroupTagHelper"/>).
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class FieldErrorInputTagHelper : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        if (FieldErrors.For(ViewContext.ModelState, name, null).Count == 0)
        {
            return;
        }

        var type = output.Attributes.TryGetAttribute("type", out var t) ? t.Value?.ToString() : null;
        if (type is "hidden" or "radio" or "checkbox")
        {
            return;
        }

        output.AddClass(output.TagName == "select" ? "fr-select--error" : "fr-input--error", HtmlEncoder.Default);
        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var d) ? d.Value + " " : "";
        output.Attributes.SetAttribute("aria-describedby", described + FieldErrors.Id(name) + "-error");
    }
}

public static class FieldErrors
{
    /// <summary>The id the framework gives a field of that name (Input.Text → Input_Text).</summary>
    public static string Id(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static IReadOnlyList<string> For(ModelStateDictionary modelState, string key, string? prefixes)
    {
        var keys = new List<string> { key };
        if (!string.IsNullOrWhiteSpace(prefixes))
        {
            keys.AddRange(prefixes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return modelState
            .Where(e => e.Value is { Errors.Count: > 0 } && keys.Any(k => e.Key == key || (k != key && e.Key.StartsWith(k, StringComparison.Ordinal))))
            .SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage))
            .Distinct()
            .ToList();
    }
}
