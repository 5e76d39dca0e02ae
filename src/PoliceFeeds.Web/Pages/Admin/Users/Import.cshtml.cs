using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PoliceFeeds.Core.Rollout;
using PoliceFeeds.Infrastructure.Data;
using PoliceFeeds.Infrastructure.Identity;
using PoliceFeeds.Web.Security;

namespace PoliceFeeds.Web.Pages.Admin.Users;

/// <summary>
/// Bulk user import from a CSV file: upload, a preview with what is wrong on each row, then confirm. Nothing is created
/// while any row is wrong; the file is read again and checked again at confirmation (it travels in the form, not in a
/// session). Each user gets a temporary password shown once on the result, to be changed at the first sign-in.
/// </summary>
[RequestSizeLimit(2 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * 1024 * 1024)]
public sealed class ImportModel(
    PoliceFeedsDbContext db,
    UserManager<AppUser> users,
    CurrentUser currentUser,
    IStringLocalizer<AdminText> text,
    TimeProvider timeProvider) : PageModel
{
    public ImportPreview? Preview { get; private set; }

    /// <summary>The checked file, base64, sent back with the confirmation.</summary>
    [BindProperty]
    public string? Csv { get; set; }

    public IReadOnlyList<Created> Result { get; private set; } = [];

    public sealed record Created(string Email, string Name, string Password);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", text["Import.NoFile"]);
            return Page();
        }

        if (file.Length > UserImport.MaxBytes)
        {
            ModelState.AddModelError("file", string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Import.Error.TooLarge"], UserImport.MaxBytes / 1024, UserImport.MaxRows));
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        Preview = await PreviewAsync(bytes, cancellationToken);
        Csv = Preview.CanImport ? Convert.ToBase64String(bytes) : null;
        ReportFileError();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(Csv ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        Preview = await PreviewAsync(bytes, cancellationToken);
        if (!Preview.CanImport)
        {
            // Something changed since the preview (a user created meanwhile, a department deactivated): nothing is imported.
            Csv = null;
            ReportFileError();
            ModelState.AddModelError(string.Empty, text["Import.NothingImported"]);
            return Page();
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var departmentIds = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, cancellationToken);
        var created = new List<Created>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in Preview.Rows)
        {
            var role = RoleName(row.Role!.Value);
            var password = TemporaryPasswords.New();
            var user = new AppUser
            {
                UserName = row.Email,
                Email = row.Email,
                EmailConfirmed = true,
                DisplayName = row.Name,
                CreatedAtUtc = now,
                LockoutEnabled = true,
                MustChangePassword = true,
            };
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, role);
            }

            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                Csv = null;
                ModelState.AddModelError(string.Empty, string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Import.CreateFailed"], row.LineNumber, string.Join(" ", result.Errors.Select(e => e.Description))));
                ModelState.AddModelError(string.Empty, text["Import.NothingImported"]);
                return Page();
            }

            db.UserDepartments.AddRange(row.DepartmentCodes.Select(code => new UserDepartment { UserId = user.Id, DepartmentId = departmentIds[code] }));
            AdminAudit.Add(db, currentUser, now, "user.imported", "User", user.Id, null,
                $"{user.Email} ; rôle : {role} ; départements : {string.Join(", ", row.DepartmentCodes)}");
            created.Add(new Created(row.Email, row.Name, password));
        }

        AdminAudit.Add(db, currentUser, now, "users.imported", "User", "import", null, $"{created.Count} utilisateur(s) importé(s)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // The passwords are on this response only: never cached, never shown again.
        Response.Headers.CacheControl = "no-store";
        Result = created;
        Preview = null;
        Csv = null;
        return Page();
    }

    private async Task<ImportPreview> PreviewAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var (document, error) = CsvText.Parse(bytes, UserImport.MaxBytes, UserImport.MaxRows);
        if (document is null)
        {
            return new ImportPreview(error, []);
        }

        // Only the addresses of the file are looked up (at most MaxRows), whatever the number of users.
        var candidates = document.Records.SelectMany(r => r.Fields).Where(f => f.Contains('@', StringComparison.Ordinal))
            .Select(f => f.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail != null && candidates.Contains(u.NormalizedEmail))
            .Select(u => u.Email!)
            .ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.IsActive, cancellationToken);
        return UserImport.Preview(document, new ImportContext(departments, existing.ToHashSet(StringComparer.OrdinalIgnoreCase)));
    }

    private void ReportFileError()
    {
        if (Preview is { FileError: not CsvFileError.None } preview)
        {
            ModelState.AddModelError("file", string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Import.Error." + preview.FileError], UserImport.MaxBytes / 1024, UserImport.MaxRows));
        }
    }

    public static string RoleName(ImportRole role) => role switch
    {
        ImportRole.Validator => Roles.Validator,
        ImportRole.NationalAdmin => Roles.NationalAdmin,
        _ => Roles.Officer,
    };

    /// <summary>What is wrong with a row, in the reader's language.</summary>
    public string Describe(RowProblem problem) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Import.Row." + problem.Error], problem.Value);
}
