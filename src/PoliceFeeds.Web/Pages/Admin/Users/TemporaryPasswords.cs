using System.Security.Cryptography;

namespace PoliceFeeds.Web.Pages.Admin.Users;

/// <summary>A random password that satisfies the password rules; shown once to the admin, to be changed at the first sign-in.</summary>
public static class TemporaryPasswords
{
    public static string New() => "Tmp-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') + "9a";
}
