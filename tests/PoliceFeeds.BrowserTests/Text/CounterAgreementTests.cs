using PoliceFeeds.BrowserTests.Infrastructure;
using PoliceFeeds.Core.Text;
using PoliceFeeds.IntegrationTests.Infrastructure;

namespace PoliceFeeds.BrowserTests.Text;

/// <summary>The browser's counter (official twitter-text JavaScript) and the server's C# count agree.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterAgreementTests(BrowserFixture fixture)
{
    private static readonly string[] Texts =
    [
        "Bonjour Nantes !",
        "Appel à témoins https://www.police-nationale.interieur.gouv.fr/actualites #AppelATémoins",
        "Sans protocole : police-nationale.interieur.gouv.fr et example.com/chemin?x=1",
        "Lien court https://t.co/abcdefghij et http://test.co",
        "Émojis 👮‍♀️🚓🐕 et drapeau 🇫🇷, peau 👍🏽, touche 1️⃣ 1⃣",
        "Famille 👨‍👩‍👧‍👦 et 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "警察 故人西辞黄鹤楼 あいうえお",
        "Accents composés : e\u0301te\u0301, cafe\u0301",
        "Ponctuation \u2013 \u2014 \u2018guillemets\u2019 \u201Cdoubles\u201D \u2026 \u2032",
        new string('x', 280),
        new string('x', 281),
        "@PoliceNat44 #Prévention $CASH user@example.com",
        "randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com",
        "Texte avec \uFFFE interdit",
    ];

    [BrowserFact]
    public async Task Javascript_and_csharp_counts_agree()
    {
        var page = await fixture.SharedSessionPageAsync(DemoUsers.Officer35);
        await page.GotoAsync("/Messages/Edit");

        foreach (var text in Texts)
        {
            var js = await page.EvaluateAsync<JsResult>("t => { const r = twttr.txt.parseTweet(t); return { weightedLength: r.weightedLength, valid: r.valid }; }", text);
            var cs = TweetText.Parse(text);
            Assert.True(js.WeightedLength == cs.WeightedLength && js.Valid == cs.IsValid,
                $"\"{text}\": JavaScript {js.WeightedLength}/{js.Valid}, C# {cs.WeightedLength}/{cs.IsValid}");
        }
    }

    public sealed class JsResult
    {
        public int WeightedLength { get; set; }

        public bool Valid { get; set; }
    }
}
