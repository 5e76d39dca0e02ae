namespace PoliceFeeds.Web.Pages.Shared.Dsfr;

/// <summary>A DSFR alert (<c>_Alert</c>): kind is info, success, warning or error.</summary>
public sealed record AlertModel(string Kind, string Text, string? Title = null, string? TestId = null, string? Link = null, string? LinkText = null)
{
    /// <summary>Errors are announced at once; the others politely.</summary>
    public string Role => Kind == "error" ? "alert" : "status";
}

/// <summary>
/// A confirmation modal (<c>_ConfirmModal</c>): its confirm button submits the form <paramref name="FormId"/>, which
/// holds the fields; the page's own button only opens the modal. <paramref name="Consequences"/> says what will happen.
/// <paramref name="ConfirmName"/> and <paramref name="ConfirmValue"/>, when given, are posted by the confirm button alone
/// (a confirmation the server checks).
/// </summary>
public sealed record ConfirmModalModel(string Id, string Title, IReadOnlyList<string> Consequences, string ConfirmLabel, string FormId, bool Danger = false, string? ConfirmName = null, string? ConfirmValue = null, bool Open = false);

/// <summary>Keyset pagination (<c>_Pagination</c>): the first page and the next one.</summary>
public sealed record PaginationModel(string FirstUrl, string? NextUrl, bool OnFirstPage);

/// <summary>A message's status as a DSFR badge (<c>_StatusBadge</c>).</summary>
public sealed record StatusBadgeModel(PoliceFeeds.Core.Messages.MessageStatus Status, bool Small = true, string? TestId = null);
