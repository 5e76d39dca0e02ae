namespace PoliceFeeds.Web.Pages.Admin.SensitiveWords;

/// <summary>
/// Marker for the texts about sensitive words (<c>Resources/Pages/Admin/SensitiveWords/SensitiveWordsText*.resx</c>):
/// the administration page, and the notes of the compose and message pages that name the words found.
/// </summary>
public sealed class SensitiveWordsText;

/// <summary>The sensitive words found in a text, and the sentence that introduces them (for <c>_Found.cshtml</c>).</summary>
public sealed record FoundWords(IReadOnlyList<string> Words, string Introduction);
