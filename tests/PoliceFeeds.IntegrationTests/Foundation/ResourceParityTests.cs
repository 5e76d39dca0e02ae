using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace PoliceFeeds.IntegrationTests.Foundation;

/// <summary>
/// English is the second culture: every French string shipped in the web app has its English translation, with the
/// same placeholders (a missing one would show French on an English page; a wrong placeholder would throw or drop a value).
/// </summary>
public sealed partial class ResourceParityTests
{
    private static readonly System.Reflection.Assembly Web = typeof(Program).Assembly;

    private static List<string> BaseNames() =>
        Web.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)).Select(n => n[..^".resources".Length]).Order().ToList();

    public static TheoryData<string> ResourceFiles() => new(BaseNames());

    [Fact]
    public void The_web_app_ships_its_resource_files()
    {
        Assert.Equal(10, BaseNames().Count(n => n.Contains(".Resources.", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_french_string_has_an_english_translation_with_the_same_placeholders(string baseName)
    {
        var manager = new ResourceManager(baseName, Web);
        var french = Strings(manager, CultureInfo.InvariantCulture);
        var english = Strings(manager, CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(french);
        Assert.Empty(french.Keys.Except(english.Keys).Order());
        Assert.Empty(english.Keys.Except(french.Keys).Order());
        foreach (var (key, value) in french)
        {
            Assert.True(string.IsNullOrWhiteSpace(value) == string.IsNullOrWhiteSpace(english[key]), key);
            Assert.True(Placeholders(value).SequenceEqual(Placeholders(english[key])), $"{key}: « {value} » / “{english[key]}”");
        }
    }

    private static Dictionary<string, string> Strings(ResourceManager manager, CultureInfo culture)
    {
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static List<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
