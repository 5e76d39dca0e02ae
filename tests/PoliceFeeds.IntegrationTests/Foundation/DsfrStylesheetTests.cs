using System.Text.RegularExpressions;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>
/// wwwroot/lib/dsfr/dsfr.min.css keeps only the DSFR rules the pages use (eng/js-libs/purge-dsfr.js): a page that
/// starts using a DSFR class no page used before must have the stylesheet regenerated (eng/update-js-libs.sh).
/// </summary>
public sealed partial class DsfrStylesheetTests
{
    /// <summary>DSFR classes that carry no rule of their own in the components the back office ships.</summary>
    private static readonly HashSet<string> WithoutRules = ["fr-enlarge-link", "fr-fieldset__legend--regular", "fr-container-md", "fr-display", "fr-form-group", "fr-header__body"];

    [Fact]
    public void Every_dsfr_class_written_in_a_page_has_its_rules_in_the_shipped_stylesheet()
    {
        var root = Root();
        var css = File.ReadAllText(Path.Combine(root, "src/PoliceFeeds.Web/wwwroot/lib/dsfr/dsfr.min.css"));
        var pages = Directory.EnumerateFiles(Path.Combine(root, "src/PoliceFeeds.Web/Pages"), "*.cshtml", SearchOption.AllDirectories);
        var missing = pages
            .SelectMany(p => ClassAttribute().Matches(File.ReadAllText(p)).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(c => (Page: Path.GetFileName(p), Class: c)))
            .Where(x => x.Class.StartsWith("fr-", StringComparison.Ordinal) && !x.Class.Contains('@', StringComparison.Ordinal) && !WithoutRules.Contains(x.Class))
            .Where(x => !Regex.IsMatch(css, @"\." + Regex.Escape(x.Class) + @"(?![A-Za-z0-9_-])"))
            .Select(x => $"{x.Page}: {x.Class}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Run eng/update-js-libs.sh: " + string.Join(", ", missing));
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "PoliceFeeds.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

    [GeneratedRegex("class=\"([^\"]*)\"")]
    private static partial Regex ClassAttribute();
}
