namespace PoliceFeeds.Core.Search;

/// <summary>
/// X refuses a post whose text repeats one of the account's recent posts (the most frequent failure of the demo
/// history). Two texts count as the same here when they are equal once folded by <see cref="SearchNormalizer"/> and
/// with their spaces collapsed; the compose page warns before submitting such a text.
/// </summary>
public static class DuplicateTextRule
{
    /// <summary>How far back the account's published posts are compared.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(30);

    /// <summary>At most this many of the most recent published posts are compared.</summary>
    public const int MaxComparedPosts = 200;

    /// <summary>The comparison key of a text already folded by <see cref="SearchNormalizer"/> (a stored SearchText).</summary>
    public static string KeyOfFolded(string folded) =>
        string.Join(' ', folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Key(string? text) => KeyOfFolded(SearchNormalizer.Normalize(text));

    public static bool AreSame(string? text, string otherFolded) =>
        Key(text) is { Length: > 0 } key && key == KeyOfFolded(otherFolded);
}
