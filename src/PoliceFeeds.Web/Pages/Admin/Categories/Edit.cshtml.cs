using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Messages;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Categories;

/// <summary>Whether a category requires validation in every department, and its suggested hashtags.</summary>
public sealed class EditModel(
    PoliceFeedsDbContext db,
    CurrentUser currentUser,
    IValidator<CategoryInput> validator,
    IStringLocalizer<AdminText> text,
    TimeProvider timeProvider) : PageModel
{
    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    public Category Category { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }

        Category = category;
        Input = new CategoryInput { RequiresValidation = category.RequiresValidation, SuggestedHashtags = category.SuggestedHashtags };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return NotFound();
        }

        Category = category;
        var result = await validator.ValidateAsync(Input, cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input." + error.PropertyName, error.ErrorMessage);
            }

            return Page();
        }

        category.RequiresValidation = Input.RequiresValidation;
        category.SuggestedHashtags = CategoryInput.NormalizeHashtags(Input.SuggestedHashtags);
        AdminAudit.Add(db, currentUser, timeProvider.GetUtcNow().UtcDateTime, "category.updated", "Category", category.Key, null,
            $"{category.Label}{(category.RequiresValidation ? " ; validation obligatoire" : "")} ; {category.SuggestedHashtags}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Flash.CategorySaved"], category.Label);
        return RedirectToPage("/Admin/Categories/Index");
    }
}

public sealed class CategoryInput
{
    public bool RequiresValidation { get; set; }

    /// <summary>Hashtags separated by spaces, each starting with #.</summary>
    public string? SuggestedHashtags { get; set; }

    public static IReadOnlyList<string> SplitHashtags(string? hashtags) =>
        (hashtags ?? "").Split([' ', ',', ';', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One space between hashtags, duplicates removed (case-insensitive), order kept.</summary>
    public static string NormalizeHashtags(string? hashtags) =>
        string.Join(' ', SplitHashtags(hashtags).Distinct(StringComparer.OrdinalIgnoreCase));
}

public sealed class CategoryInputValidator : AbstractValidator<CategoryInput>
{
    /// <summary>X's rule: a hashtag is # followed by letters (accents included), digits or underscores, not only digits.</summary>
    internal static bool IsHashtag(string tag) =>
        tag.Length is > 1 and <= 100 && tag[0] == '#' && tag.Skip(1).All(c => char.IsLetterOrDigit(c) || c == '_') && !tag.Skip(1).All(char.IsDigit);

    public CategoryInputValidator(IStringLocalizer<AdminText> text)
    {
        RuleFor(i => i.SuggestedHashtags).Cascade(CascadeMode.Stop)
            .MaximumLength(200).WithMessage(_ => text["Validation.HashtagsTooLong"])
            .Must(h => CategoryInput.SplitHashtags(h).All(IsHashtag)).WithMessage(_ => text["Validation.HashtagsInvalid"]);
    }
}
