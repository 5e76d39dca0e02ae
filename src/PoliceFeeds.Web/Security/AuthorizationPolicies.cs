namespace PoliceFeeds.Web.Security;

public static class AuthorizationPolicies
{
    public const string NationalAdmin = "NationalAdmin";
}
