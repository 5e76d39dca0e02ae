using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PoliceFeeds.Core.Departments;

/// <summary>
/// French department codes: 01 to 95 (20 is split into 2A and 2B), and the overseas departments 971 to 976.
/// </summary>
public static class DepartmentCode
{
    public static bool IsValid([NotNullWhen(true)] string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        if (code is "2A" or "2B")
        {
            return true;
        }

        if (code.Length == 2 && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]))
        {
            var number = int.Parse(code, CultureInfo.InvariantCulture);
            return number is >= 1 and <= 95 && number != 20;
        }

        if (code.Length == 3 && code.All(char.IsAsciiDigit))
        {
            var number = int.Parse(code, CultureInfo.InvariantCulture);
            return number is >= 971 and <= 976;
        }

        return false;
    }

    /// <summary>Upper-cases and trims what a person typed ("2a " becomes "2A").</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The IANA time zone a department uses unless told otherwise.</summary>
    public static string DefaultTimeZoneFor(string code) => code switch
    {
        "971" => "America/Guadeloupe",
        "972" => "America/Martinique",
        "973" => "America/Cayenne",
        "974" => "Indian/Reunion",
        "975" => "America/Miquelon",
        "976" => "Indian/Mayotte",
        _ => "Europe/Paris",
    };
}
