using Microsoft.AspNetCore.Identity;

namespace PoliceFeeds.Infrastructure.Identity;

/// <summary>A person who signs in to PoliceFeeds.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated user cannot sign in and loses an open session at the next security stamp check.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set when an admin gives a temporary password: the user must choose a new one at sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<UserDepartment> Departments { get; set; } = [];
}

/// <summary>Membership of a user in a department: which department's messages they see and handle.</summary>
public class UserDepartment
{
    public required string UserId { get; set; }

    public int DepartmentId { get; set; }
}

/// <summary>The three roles of PoliceFeeds.</summary>
public static class Roles
{
    /// <summary>Communications officer: drafts, edits, submits and schedules messages of their departments.</summary>
    public const string Officer = "Officer";

    /// <summary>Validating officer: approves or rejects the messages of their departments (never their own).</summary>
    public const string Validator = "Validator";

    /// <summary>National administrator: departments, X accounts, users, pause switches, audit trail.</summary>
    public const string NationalAdmin = "NationalAdmin";

    public static readonly IReadOnlyList<string> All = [Officer, Validator, NationalAdmin];
}
