using FluentValidation;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Campaigns;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Web.Pages.Messages;

namespace PoliceFeeds.Web.Pages.Campaigns;

/// <summary>What the campaign form posts.</summary>
public sealed class CampaignInput
{
    public string? Title { get; set; }

    public int CategoryId { get; set; }

    public string? Text { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public List<int> DepartmentIds { get; set; } = [];
}

/// <summary>The form once read, with what only the server knows: the category exists, the departments are active, today in Paris.</summary>
public sealed record CampaignForm(CampaignInput Input, bool CategoryExists, bool DepartmentsActive, DateOnly Today, DateTime NowUtc);

/// <summary>
/// The campaign's rules. Its text goes through the message validator itself (<see cref="MessageFormValidator"/>: X's
/// weighted count, forbidden characters, length cap), so no department receives a draft the compose page would refuse.
/// </summary>
public sealed class CampaignFormValidator : AbstractValidator<CampaignForm>
{
    public CampaignFormValidator(IStringLocalizer<CampaignsText> text, IValidator<MessageForm> messageValidator)
    {
        RuleFor(f => f.Input.Title).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithName("Input.Title").WithMessage(_ => text["Validation.TitleRequired"])
            .Must(t => t!.Trim().Length <= Campaign.MaxTitleLength)
            .WithMessage(_ => string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Validation.TitleTooLong"], Campaign.MaxTitleLength));
        RuleFor(f => f.CategoryExists).Equal(true).OverridePropertyName("Input.CategoryId").WithMessage(_ => text["Validation.CategoryRequired"]);
        RuleFor(f => f.Input.StartsOn).NotNull().WithName("Input.StartsOn").WithMessage(_ => text["Validation.StartRequired"]);
        RuleFor(f => f.Input.EndsOn).Cascade(CascadeMode.Stop)
            .NotNull().WithName("Input.EndsOn").WithMessage(_ => text["Validation.EndRequired"])
            .Must((f, end) => f.Input.StartsOn is not { } start || end >= start).WithMessage(_ => text["Validation.EndBeforeStart"])
            .Must((f, end) => end >= f.Today).WithMessage(_ => text["Validation.EndInPast"]);
        RuleFor(f => f.Input.DepartmentIds).NotEmpty().WithName("Input.DepartmentIds").WithMessage(_ => text["Validation.DepartmentsRequired"]);
        RuleFor(f => f.DepartmentsActive).Equal(true).When(f => f.Input.DepartmentIds.Count > 0)
            .OverridePropertyName("Input.DepartmentIds").WithMessage(_ => text["Validation.DepartmentsUnknown"]);
        RuleFor(f => f).Custom((form, context) =>
        {
            var messageForm = new MessageForm(new MessageInput { Text = form.Input.Text, ScheduleMode = ScheduleMode.AsSoonAsValidated }, true, true, "Europe/Paris", form.NowUtc, []);
            foreach (var failure in messageValidator.Validate(messageForm).Errors.Where(e => e.PropertyName == "Input.Text"))
            {
                context.AddFailure("Input.Text", failure.ErrorMessage);
            }
        });
    }
}
