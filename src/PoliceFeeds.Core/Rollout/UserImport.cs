using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace PoliceFeeds.Core.Rollout;

/// <summary>The role a CSV row gives (one per row; a validator may also draft).</summary>
public enum ImportRole
{
    Officer,
    Validator,
    NationalAdmin,
}

/// <summary>What is wrong with one row (each translated by the pages, with <see cref="RowProblem.Value"/>).</summary>
public enum RowError
{
    WrongFieldCount,
    EmailMissing,
    EmailInvalid,
    NameMissing,
    NameTooLong,
    RoleUnknown,
    DepartmentMissing,
    DepartmentUnknown,
    DepartmentInactive,
    DuplicateInFile,
    UserExists,
}

public sealed record RowProblem(RowError Error, string? Value = null);

/// <summary>One user to create, as read from its row, with everything wrong with it.</summary>
public sealed record ImportRow(int LineNumber, string Email, string Name, ImportRole? Role, IReadOnlyList<string> DepartmentCodes, IReadOnlyList<RowProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>The preview of a file: refused whole, or its rows; nothing is imported while any row is wrong.</summary>
public sealed record ImportPreview(CsvFileError FileError, IReadOnlyList<ImportRow> Rows)
{
    public bool CanImport => FileError == CsvFileError.None && Rows.Count > 0 && Rows.All(r => r.IsValid);

    public int Errors => Rows.Count(r => !r.IsValid);
}

/// <summary>What the database knows, passed in: department codes (active or not) and the e-mails already used.</summary>
public sealed record ImportContext(IReadOnlyDictionary<string, bool> DepartmentActiveByCode, IReadOnlySet<string> ExistingEmails);

/// <summary>
/// The rules of the bulk user import: a header naming the columns (e-mail, name, role, departments, in French or English,
/// in any order), then one user per row. Departments are codes separated by spaces, commas, semicolons or <c>|</c>.
/// </summary>
public static class UserImport
{
    public const int MaxBytes = 256 * 1024;

    public const int MaxRows = 500;

    public const int MaxNameLength = 200;

    public const int MaxEmailLength = 256;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["email"] = "email",
        ["e-mail"] = "email",
        ["mail"] = "email",
        ["courriel"] = "email",
        ["adresse electronique"] = "email",
        ["adresse mail"] = "email",
        ["nom"] = "name",
        ["name"] = "name",
        ["nom affiche"] = "name",
        ["display name"] = "name",
        ["prenom nom"] = "name",
        ["role"] = "role",
        ["roles"] = "role",
        ["departements"] = "departments",
        ["departement"] = "departments",
        ["departments"] = "departments",
        ["department"] = "departments",
    };

    private static readonly Dictionary<string, ImportRole> RoleNames = new(StringComparer.Ordinal)
    {
        ["officer"] = ImportRole.Officer,
        ["officier"] = ImportRole.Officer,
        ["redacteur"] = ImportRole.Officer,
        ["officier de communication"] = ImportRole.Officer,
        ["validator"] = ImportRole.Validator,
        ["validateur"] = ImportRole.Validator,
        ["officier validateur"] = ImportRole.Validator,
        ["nationaladmin"] = ImportRole.NationalAdmin,
        ["national admin"] = ImportRole.NationalAdmin,
        ["administrateur national"] = ImportRole.NationalAdmin,
    };

    public static ImportPreview Preview(ReadOnlySpan<byte> file, ImportContext context)
    {
        var (document, error) = CsvText.Parse(file, MaxBytes, MaxRows);
        return document is null ? new ImportPreview(error, []) : Preview(document, context);
    }

    public static ImportPreview Preview(CsvDocument document, ImportContext context)
    {
        var header = document.Records[0].Fields.Select(h => Columns.GetValueOrDefault(Key(h))).ToList();
        int email = header.IndexOf("email"), name = header.IndexOf("name"), role = header.IndexOf("role"), departments = header.IndexOf("departments");
        if (email < 0 || name < 0 || role < 0 || departments < 0)
        {
            return new ImportPreview(CsvFileError.MissingColumns, []);
        }

        if (document.Records.Count == 1)
        {
            return new ImportPreview(CsvFileError.Empty, []);
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<ImportRow>();
        foreach (var record in document.Records.Skip(1))
        {
            var problems = new List<RowProblem>();
            if (record.Fields.Count != header.Count)
            {
                problems.Add(new RowProblem(RowError.WrongFieldCount, record.Fields.Count.ToString(CultureInfo.InvariantCulture)));
            }

            string Field(int index) => index < record.Fields.Count ? record.Fields[index].Trim() : "";
            var address = Field(email);
            var displayName = Field(name);
            var roleText = Field(role);
            var codes = Field(departments).Split([' ', ',', ';', '|', '/', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

            if (address.Length == 0)
            {
                problems.Add(new RowProblem(RowError.EmailMissing));
            }
            else if (!IsEmail(address))
            {
                problems.Add(new RowProblem(RowError.EmailInvalid, address));
            }
            else if (seen.TryGetValue(address, out var firstLine))
            {
                problems.Add(new RowProblem(RowError.DuplicateInFile, firstLine.ToString(CultureInfo.InvariantCulture)));
            }
            else if (context.ExistingEmails.Contains(address))
            {
                problems.Add(new RowProblem(RowError.UserExists, address));
            }

            if (address.Length > 0)
            {
                seen.TryAdd(address, record.LineNumber);
            }

            if (displayName.Length == 0)
            {
                problems.Add(new RowProblem(RowError.NameMissing));
            }
            else if (displayName.Length > MaxNameLength)
            {
                problems.Add(new RowProblem(RowError.NameTooLong, MaxNameLength.ToString(CultureInfo.InvariantCulture)));
            }

            ImportRole? parsedRole = RoleNames.TryGetValue(Key(roleText), out var r) ? r : null;
            if (parsedRole is null)
            {
                problems.Add(new RowProblem(RowError.RoleUnknown, roleText));
            }

            if (codes.Count == 0 && parsedRole is not ImportRole.NationalAdmin)
            {
                problems.Add(new RowProblem(RowError.DepartmentMissing));
            }

            foreach (var code in codes)
            {
                if (!context.DepartmentActiveByCode.TryGetValue(code, out var active))
                {
                    problems.Add(new RowProblem(RowError.DepartmentUnknown, code));
                }
                else if (!active)
                {
                    problems.Add(new RowProblem(RowError.DepartmentInactive, code));
                }
            }

            rows.Add(new ImportRow(record.LineNumber, address, displayName, parsedRole, codes, problems));
        }

        return new ImportPreview(CsvFileError.None, rows);
    }

    /// <summary>An address as Identity would store it: one mailbox, no display name, no spaces, at most 256 characters.</summary>
    public static bool IsEmail(string text)
    {
        if (text.Length > MaxEmailLength || text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1)
        {
            return false;
        }

        try
        {
            var parsed = new MailAddress(text);
            return parsed.Address == text && parsed.Host.Contains('.', StringComparison.Ordinal) && !parsed.Host.EndsWith('.');
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A header or role as a key: lower case, without accents, spaces collapsed, "_" read as a space.</summary>
    private static string Key(string text)
    {
        var decomposed = text.Trim().Replace('_', ' ').ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) && (key.Length == 0 || key[^1] == ' '))
            {
                continue;
            }

            key.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        return key.ToString().TrimEnd();
    }
}
