using System.Diagnostics;
using PoliceFeeds.Core.SensitiveWords;

namespace PoliceFeeds.UnitTests.SensitiveWords;

public sealed class SensitiveWordMatcherTests
{
    private static IReadOnlyList<string> Find(string text, params string[] phrases) => new SensitiveWordMatcher(phrases).Find(text);

    [Theory]
    [InlineData("Une ARME a été saisie", "arme")]
    [InlineData("Une Arme a été saisie", "ARME")]
    [InlineData("Appel à témoins", "temoins")]
    [InlineData("Appel à temoins", "témoins")]
    [InlineData("Le cœur du quartier", "coeur")]
    [InlineData("Le coeur du quartier", "cœur")]
    [InlineData("Un ex æquo", "ex aequo")]
    [InlineData("Placé en GARDE A VUE hier", "garde à vue")]
    [InlineData("Placé en garde-à-vue hier", "garde à vue")]
    [InlineData("Placé en garde\nà   vue hier", "garde à vue")]
    [InlineData("Saisie de #drogue ce matin", "drogue")]
    [InlineData("Saisie (drogue) ce matin", "drogue")]
    [InlineData("drogue.", "drogue")]
    [InlineData("On a retrouvé l'arme", "arme")]
    [InlineData("On a retrouvé l’arme", "arme")]
    [InlineData("On a retrouvé l’arme", "l'arme")]
    [InlineData("Vol à l'arraché", "vol")]
    [InlineData("Ce @vol est signalé", "vol")]
    [InlineData("En garde, à vue de nez", "garde à vue")]
    public void Finds_a_word_whatever_its_case_accents_ligatures_punctuation_or_hashtag(string text, string phrase) =>
        Assert.Equal([phrase], Find(text, phrase));

    [Theory]
    [InlineData("Devenez volontaire !", "vol")]
    [InlineData("Un envol réussi", "vol")]
    [InlineData("Les armes", "arme")]
    [InlineData("Garde à vous", "garde à vue")]
    [InlineData("Garde à la vue de tous", "garde à vue")]
    [InlineData("#GardeAVue", "garde à vue")]
    [InlineData("", "arme")]
    public void Finds_whole_words_and_whole_phrases_only(string text, string phrase) =>
        Assert.Empty(Find(text, phrase));

    [Fact]
    public void Finds_every_phrase_present_once_each_in_the_list_order_as_the_list_spells_it()
    {
        var found = Find("Drogue, ARME et drogue encore ; garde à vue.", "Garde à vue", "absent", "arme", "drogue");

        Assert.Equal(["Garde à vue", "arme", "drogue"], found);
    }

    [Fact]
    public void An_empty_list_finds_nothing()
    {
        Assert.True(new SensitiveWordMatcher([]).IsEmpty);
        Assert.Empty(Find("arme drogue vol"));
        Assert.Empty(SensitiveWordMatcher.Empty.Find("arme"));
    }

    [Fact]
    public void A_phrase_without_any_word_and_a_repeated_phrase_are_ignored()
    {
        var matcher = new SensitiveWordMatcher(["  ", "!!", "arme", "ARME "]);

        Assert.Equal(["arme"], matcher.Find("arme"));
    }

    [Fact]
    public void Phrases_sharing_their_first_word_are_each_found()
    {
        Assert.Equal(["garde à vue", "garde"], Find("garde à vue", "garde à vue", "garde", "garde des sceaux"));
    }

    [Fact]
    public void Key_is_the_folded_words_with_single_spaces() =>
        Assert.Equal("garde a vue", SensitiveWordMatcher.Key("  GARDE-À-VUE "));

    [Fact]
    public void A_long_text_against_a_long_list_is_read_in_milliseconds()
    {
        var phrases = Enumerable.Range(0, 2000).Select(i => $"mot{i} suite{i}").Append("cible finale").ToList();
        var text = string.Concat(Enumerable.Repeat("mot1 suite2 un texte sans rien de sensible, mot3 ", 200)) + "cible finale";
        var matcher = new SensitiveWordMatcher(phrases);

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(["cible finale"], matcher.Find(text));
        }

        Assert.True(watch.ElapsedMilliseconds < 2000, $"20 reads of a {text.Length}-character text took {watch.ElapsedMilliseconds} ms");
    }
}
