using PoliceFeeds.Core.Campaigns;

namespace PoliceFeeds.UnitTests.Campaigns;

public sealed class CampaignTextRuleTests
{
    [Theory]
    [InlineData("Fermez vos portes à clé.", "  FERMEZ   vos portes a clé. ")]
    [InlineData("Fermez vos portes.", "Fermez vos\nportes.")]
    [InlineData("Fermez vos portes. https://www.interieur.gouv.fr/a", "Fermez vos portes. https://service-public.fr/b")]
    [InlineData("Fermez vos portes. interieur.gouv.fr", "Fermez vos portes.")]
    [InlineData("Fermez vos portes. #Prévention", "Fermez vos portes. #Police44 #Securite")]
    [InlineData("#Prévention Fermez vos portes.", "Fermez vos portes.")]
    [InlineData("Le cœur de l'été", "LE COEUR DE L'ETE")]
    public void Texts_differing_only_in_case_accents_spaces_links_or_hashtags_are_identical(string text, string other) =>
        Assert.True(CampaignTextRule.AreIdentical(text, other), $"{CampaignTextRule.Key(text)} | {CampaignTextRule.Key(other)}");

    [Theory]
    [InlineData("Fermez vos portes.", "Fermez vos portes !")]
    [InlineData("Fermez vos portes.", "Fermez bien vos portes.")]
    [InlineData("Fermez vos portes @pnationale", "Fermez vos portes @Police44")]
    [InlineData("Fermez vos portes 2026", "Fermez vos portes 2027")]
    public void Texts_in_other_words_punctuation_mentions_or_figures_differ(string text, string other) =>
        Assert.False(CampaignTextRule.AreIdentical(text, other));

    [Fact]
    public void Key_is_defined_precisely() =>
        Assert.Equal("vacances : pensez a verrouiller", CampaignTextRule.Key("  Vacances : #OTV pensez à\tVERROUILLER https://x.fr/otv  #Prévention"));

    [Fact]
    public void An_empty_text_has_an_empty_key() => Assert.Equal("", CampaignTextRule.Key(null));
}
