using System.Diagnostics.CodeAnalysis;

namespace PoliceFeeds.Core.Departments;

/// <summary>
/// French department codes PoliceFeeds serves: those of <see cref="DepartmentCatalog"/> (01 to 95 with 2A and 2B for
/// Corsica, the overseas departments and the collectivities with a Police nationale directorate).
/// </summary>
public static class DepartmentCode
{
    public static bool IsValid([NotNullWhen(true)] string? code) => DepartmentCatalog.Find(code) is not null;

    /// <summary>Upper-cases and trims what a person typed ("2a " becomes "2A").</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The IANA time zone a department uses unless told otherwise.</summary>
    public static string DefaultTimeZoneFor(string code) => DepartmentCatalog.Find(code)?.TimeZoneId ?? "Europe/Paris";
}
