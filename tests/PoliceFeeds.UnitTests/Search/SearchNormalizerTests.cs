using PoliceFeeds.Core.Messages;
using PoliceFeeds.Core.Search;

namespace PoliceFeeds.UnitTests.Search;

public sealed class SearchNormalizerTests
{
    [Theory]
    [InlineData("Vol à l'arraché", "vol a l'arrache")]
    [InlineData("Appel à TÉMOINS", "appel a temoins")]
    [InlineData("Cœur, Ægir, straße", "coeur, aegir, strasse")]
    [InlineData("ﬁn de la déviation", "fin de la deviation")]
    [InlineData("Ç'est l'été À Noël", "c'est l'ete a noel")]
    [InlineData("#Prévention @PN_44 https://x.com/É", "#prevention @pn_44 https://x.com/e")]
    [InlineData("", "")]
    public void Folds_case_accents_and_compatibility_forms(string text, string expected) =>
        Assert.Equal(expected, SearchNormalizer.Normalize(text));

    [Fact]
    public void Decomposed_and_composed_accents_give_the_same_form() =>
        Assert.Equal(SearchNormalizer.Normalize("t\u00E9moins"), SearchNormalizer.Normalize("te\u0301moins"));

    [Fact]
    public void Setting_the_text_keeps_the_search_column_and_redaction_updates_it()
    {
        var message = Message.CreateDraft(1, 4, "Disparition inquiétante : appel à TÉMOINS", "officer", new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal("disparition inquietante : appel a temoins", message.SearchText);

        message.Text = "Vol de vélo";
        Assert.Equal("vol de velo", message.SearchText);

        message.MarkPersonFound("officer", CategoryKeys.MissingPerson, new DateTime(2026, 3, 10, 8, 55, 0, DateTimeKind.Utc), new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        message.Redact(new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(SearchNormalizer.Normalize(Message.RedactedText), message.SearchText);
        Assert.DoesNotContain("velo", message.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_backfill_folds_every_accented_latin_letter_as_the_normaliser_does()
    {
        var folds = SearchNormalizer.FoldedLatinCharacters().ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("e", folds['É']);
        Assert.Equal("e", folds['é']);
        Assert.Equal("oe", folds['Œ']);
        Assert.Equal("c", folds['ç']);
        Assert.DoesNotContain('×', folds.Keys);
    }
}
