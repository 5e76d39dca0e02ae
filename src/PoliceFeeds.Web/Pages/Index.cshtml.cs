using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages;

/// <summary>The landing page sends each person where their work is.</summary>
public sealed class IndexModel(CurrentUser currentUser) : PageModel
{
    public IActionResult OnGet()
    {
        if (currentUser.IsOfficer || currentUser.IsValidator)
        {
            return Redirect("/Messages");
        }

        if (currentUser.IsNationalAdmin)
        {
            return Redirect("/Admin");
        }

        return Page();
    }
}
