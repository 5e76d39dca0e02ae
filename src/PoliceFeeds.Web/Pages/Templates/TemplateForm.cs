using FluentValidation;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Templates;
using PoliceFeeds.Web.Pages.Admin.Categories;
using PoliceFeeds.Web.Pages.Messages;

namespace PoliceFeeds.Web.Pages.Templates;

/// <summary>What the template form posts.</summary>
public sealed class TemplateInput
{
    public string? Name { get; set; }

    /// <summary>The department of the template; 0 for a national template.</summary>
    public int DepartmentId { get; set; }

    public int CategoryId { get; set; }

    public string? Text { get; set; }

    public string? Hashtags { get; set; }

    public int? DepartmentIdOrNull => DepartmentId == 0 ? null : DepartmentId;
}

/// <summary>The form once read, with what only the server knows (whether the scope may be managed, the category exists).</summary>
public sealed record TemplateForm(TemplateInput Input, bool ScopeAllowed, bool CategoryExists, DateTime NowUtc);

/// <summary>
/// The template's rules. Its text, with its hashtags as the compose page fills them in, goes through the message
/// validator itself (<see cref="MessageFormValidator"/>: X's weighted count, forbidden characters, length cap), so a
/// template never prefills a text the compose page would refuse.
/// </summary>
public sealed class TemplateFormValidator : AbstractValidator<TemplateForm>
{
    public TemplateFormValidator(IStringLocalizer<OfficerText> text, IValidator<MessageForm> messageValidator)
    {
        RuleFor(f => f.Input.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithName("Input.Name").WithMessage(_ => text["Templates.Validation.NameRequired"])
            .Must(n => n!.Trim().Length <= MessageTemplate.MaxNameLength)
            .WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Templates.Validation.NameTooLong"], MessageTemplate.MaxNameLength));
        RuleFor(f => f.ScopeAllowed).Equal(true).OverridePropertyName("Input.DepartmentId").WithMessage(_ => text["Templates.Validation.ScopeNotAllowed"]);
        RuleFor(f => f.CategoryExists).Equal(true).OverridePropertyName("Input.CategoryId").WithMessage(_ => text["Templates.Validation.UnknownCategory"]);
        RuleFor(f => f.Input.Hashtags).Cascade(CascadeMode.Stop)
            .MaximumLength(MessageTemplate.MaxHashtagsLength).WithName("Input.Hashtags")
            .WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Templates.Validation.HashtagsTooLong"], MessageTemplate.MaxHashtagsLength))
            .Must(h => CategoryInput.SplitHashtags(h).All(CategoryInputValidator.IsHashtag)).WithMessage(_ => text["Templates.Validation.HashtagsInvalid"]);
        RuleFor(f => f).Custom((form, context) =>
        {
            var composed = ToTemplate(form.Input, "", form.NowUtc).ComposeText();
            var messageForm = new MessageForm(new MessageInput { Text = composed, ScheduleMode = ScheduleMode.AsSoonAsValidated }, true, true, "Europe/Paris", form.NowUtc, []);
            foreach (var failure in messageValidator.Validate(messageForm).Errors.Where(e => e.PropertyName == "Input.Text"))
            {
                context.AddFailure("Input.Text", failure.ErrorMessage);
            }
        });
    }

    /// <summary>The template the input describes (name, text and hashtags trimmed, hashtags normalised).</summary>
    public static MessageTemplate ToTemplate(TemplateInput input, string userId, DateTime nowUtc) => new()
    {
        Name = (input.Name ?? "").Trim(),
        DepartmentId = input.DepartmentIdOrNull,
        CategoryId = input.CategoryId,
        Text = (input.Text ?? "").Trim(),
        Hashtags = CategoryInput.NormalizeHashtags(input.Hashtags),
        UpdatedById = userId,
        CreatedAtUtc = nowUtc,
        UpdatedAtUtc = nowUtc,
    };
}
