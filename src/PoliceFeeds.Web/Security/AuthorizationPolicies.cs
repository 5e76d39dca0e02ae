namespace PoliceFeeds.Web.Security;

public static class AuthorizationPolicies
{
    public const string NationalAdmin = "NationalAdmin";

    /// <summary>The pilot report: national admins (every department) and validators (their own departments).</summary>
    public const string ReportReader = "ReportReader";
}
