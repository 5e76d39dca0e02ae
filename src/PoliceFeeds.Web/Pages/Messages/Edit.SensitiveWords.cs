using Microsoft.AspNetCore.Mvc;

namespace PoliceFeeds.Web.Pages.Messages;

/// <summary>
/// The compose page's live answer while the officer types: the sensitive words of the text for the department (POST,
/// so a long text fits; antiforgery as every form). The page then says that "Soumettre" goes to a validator, and why,
/// before the click. The server decides again at the submit; this only informs.
/// </summary>
public sealed partial class EditModel
{
    public async Task<IActionResult> OnPostSensitiveWordsAsync(int departmentId, string? text, CancellationToken cancellationToken)
    {
        if (!await currentUser.CanDraftForDepartmentAsync(departmentId, cancellationToken) || (text?.Length ?? 0) > Core.Text.TweetText.MaxTextLength)
        {
            return NotFound();
        }

        var matcher = await ValidationRequirements.MatcherAsync(db, departmentId, cancellationToken);
        return new JsonResult(new { words = matcher.Find(text) });
    }
}
