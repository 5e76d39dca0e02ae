using PoliceFeeds.Core.Text;

namespace PoliceFeeds.UnitTests.Text;

/// <summary>
/// The texts X returns for the posts we send (t.co links, HTML entities, a media link appended), shaped like X's
/// answers to <c>GET /2/users/:id/tweets?tweet.fields=created_at,entities,attachments</c>.
/// </summary>
public sealed class RemotePostTextTests
{
    private const string MediaKey = "3_1800000000000000123";

    private static RemoteUrlEntity Link(int start, string tco, string expanded, string display) => new(start, start + 23, tco, expanded, display);

    private static RemoteUrlEntity MediaLink(int start, string tco) =>
        new(start, start + 23, tco, "https://x.com/PoliceNat13/status/1800000000000000124/photo/1", "pic.x.com/" + tco[13..], MediaKey);

    [Fact]
    public void A_url_comes_back_as_a_tco_link_and_is_expanded_from_its_entity()
    {
        const string sent = "Fermeture de l'A7 cette nuit : itinéraires sur https://www.bison-fute.gouv.fr/carte-des-bouchons.html";
        const string remote = "Fermeture de l'A7 cette nuit : itinéraires sur https://t.co/AbCdEfGh12";

        Assert.True(RemotePostText.IsSamePost(sent, remote, [Link(47, "https://t.co/AbCdEfGh12", "https://www.bison-fute.gouv.fr/carte-des-bouchons.html", "bison-fute.gouv.fr/carte-des-bou…")], []));
        Assert.False(RemotePostText.IsSamePost(sent, remote, [Link(47, "https://t.co/AbCdEfGh12", "https://www.bison-fute.gouv.fr/autre-page.html", "bison-fute.gouv.fr/autre-page…")], []));
        // Without expanding, the texts differ: the comparison X's text needs.
        Assert.NotEqual(RemotePostText.Normalize(sent), RemotePostText.Normalize(remote));
    }

    [Fact]
    public void A_photo_adds_a_media_link_that_is_dropped()
    {
        const string sent = "Avis de recherche : Léa, 14 ans, vue pour la dernière fois à Marseille. Appelez le 17.";
        var remote = sent + " https://t.co/Zz9YyXx8Ww";
        RemoteUrlEntity[] urls = [MediaLink(87, "https://t.co/Zz9YyXx8Ww")];

        Assert.True(RemotePostText.IsSamePost(sent, remote, urls, [MediaKey]));
        Assert.True(RemotePostText.IsSamePost(sent, remote, urls, [MediaKey], sentPhotoCount: 1));
        Assert.False(RemotePostText.IsSamePost(sent, remote, urls, [MediaKey], sentPhotoCount: 2));
        Assert.False(RemotePostText.IsSamePost(sent, sent, [], [], sentPhotoCount: 1));
        Assert.Equal(sent, RemotePostText.Restore(remote, urls, [MediaKey]));
    }

    [Fact]
    public void A_media_link_without_its_media_key_in_the_entity_is_still_recognised_at_the_end()
    {
        const string sent = "Accident sur la RN 113, circulation alternée.";
        const string remote = "Accident sur la RN 113, circulation alternée. https://t.co/Pq1Rs2Tu3V";
        var entity = new RemoteUrlEntity(46, 69, "https://t.co/Pq1Rs2Tu3V", "https://x.com/PoliceNat13/status/1/photo/1", "pic.x.com/Pq1Rs2Tu3V");

        Assert.True(RemotePostText.IsSamePost(sent, remote, [entity], [MediaKey]));
        // No entities at all, media attached: X's trailing link is the media.
        Assert.True(RemotePostText.IsSamePost(sent, remote, [], [MediaKey]));
        // No media: a trailing t.co link is part of the text.
        Assert.False(RemotePostText.IsSamePost(sent, remote, [], []));
    }

    [Fact]
    public void Ampersands_and_angle_brackets_come_back_as_html_entities()
    {
        const string sent = "Contrôles & prévention <ce soir> : alcool & vitesse, soyez prudents.";
        const string remote = "Contrôles &amp; prévention &lt;ce soir&gt; : alcool &amp; vitesse, soyez prudents.";

        Assert.True(RemotePostText.IsSamePost(sent, remote, [], []));
        Assert.Equal(sent, RemotePostText.Restore(remote, [], []));
    }

    [Fact]
    public void Only_what_X_encodes_is_decoded_and_only_once()
    {
        // We sent the characters "&amp;" themselves: X encodes the "&" again.
        Assert.True(RemotePostText.IsSamePost("Écrire &amp; en HTML", "Écrire &amp;amp; en HTML", [], []));
        Assert.False(RemotePostText.IsSamePost("Écrire &amp; en HTML", "Écrire &amp; en HTML", [], []));
        Assert.True(RemotePostText.IsSamePost("Le signe &lt; s'écrit ainsi", "Le signe &amp;lt; s'écrit ainsi", [], []));
        // Other entities are not X's doing: left as they are.
        Assert.True(RemotePostText.IsSamePost("Prix : 5&euro;", "Prix : 5&amp;euro;", [], []));
        Assert.False(RemotePostText.IsSamePost("Guillemets \"droits\"", "Guillemets &quot;droits&quot;", [], []));
    }

    [Fact]
    public void Several_urls_an_ampersand_and_photos_together()
    {
        const string sent = "Fête de la musique : sécurité & transports.\nPlan : https://www.paris.fr/fete-musique\nBus : https://www.ratp.fr/fete?ligne=38&sens=A";
        const string remote = "Fête de la musique : sécurité &amp; transports.\nPlan : https://t.co/Aa1Bb2Cc3D\nBus : https://t.co/Ee4Ff5Gg6H https://t.co/Hh7Ii8Jj9K";
        RemoteUrlEntity[] urls =
        [
            Link(54, "https://t.co/Aa1Bb2Cc3D", "https://www.paris.fr/fete-musique", "paris.fr/fete-musique"),
            Link(84, "https://t.co/Ee4Ff5Gg6H", "https://www.ratp.fr/fete?ligne=38&sens=A", "ratp.fr/fete?ligne=38&…"),
            MediaLink(108, "https://t.co/Hh7Ii8Jj9K"),
        ];

        Assert.True(RemotePostText.IsSamePost(sent, remote, urls, [MediaKey, "3_1800000000000000125"]));
        Assert.True(RemotePostText.IsSamePost(sent.Replace("\n", "\r\n", StringComparison.Ordinal), remote, urls, [MediaKey, "3_1800000000000000125"]));
        // The same text with the two links swapped is another post.
        var swapped = sent.Replace("https://www.paris.fr/fete-musique", "X", StringComparison.Ordinal)
            .Replace("https://www.ratp.fr/fete?ligne=38&sens=A", "https://www.paris.fr/fete-musique", StringComparison.Ordinal)
            .Replace("X", "https://www.ratp.fr/fete?ligne=38&sens=A", StringComparison.Ordinal);
        Assert.False(RemotePostText.IsSamePost(swapped, remote, urls, [MediaKey, "3_1800000000000000125"]));
    }

    [Fact]
    public void Emoji_before_a_url_and_decomposed_accents()
    {
        // X's indices count code points: the emoji shift UTF-16 positions, which the matcher does not rely on.
        var sent = "🚨👮‍♀️ Alerte : véhicule volé, plaque AB-123-CD. Infos : https://www.gendarmerie.interieur.gouv.fr/alerte".Normalize(System.Text.NormalizationForm.FormD);
        const string remote = "🚨👮‍♀️ Alerte : véhicule volé, plaque AB-123-CD. Infos : https://t.co/Kk0Ll1Mm2N";

        Assert.True(RemotePostText.IsSamePost(sent, remote, [Link(55, "https://t.co/Kk0Ll1Mm2N", "https://www.gendarmerie.interieur.gouv.fr/alerte", "gendarmerie.interieur.gouv.fr/alerte")], []));
        Assert.False(RemotePostText.IsSamePost(sent.Replace("🚨", "⚠️", StringComparison.Ordinal), remote, [Link(55, "https://t.co/Kk0Ll1Mm2N", "https://www.gendarmerie.interieur.gouv.fr/alerte", "gendarmerie.interieur.gouv.fr/alerte")], []));
    }

    [Theory]
    [InlineData("Voir interieur.gouv.fr pour tout savoir", "http://interieur.gouv.fr")]
    [InlineData("Voir https://www.service-public.fr/ pour tout savoir", "https://www.service-public.fr")]
    [InlineData("Voir https://www.service-public.fr pour tout savoir", "https://www.service-public.fr/")]
    [InlineData("Voir HTTPS://WWW.Service-Public.fr/particuliers pour tout savoir", "https://www.service-public.fr/particuliers")]
    public void A_url_matches_with_the_scheme_X_adds_a_trailing_slash_or_another_case_of_host(string sent, string expanded)
    {
        const string remote = "Voir https://t.co/Ab12Cd34Ef pour tout savoir";

        Assert.True(RemotePostText.IsSamePost(sent, remote, [Link(5, "https://t.co/Ab12Cd34Ef", expanded, expanded)], []));
    }

    [Fact]
    public void A_path_differing_in_case_is_another_url()
    {
        const string remote = "Voir https://t.co/Ab12Cd34Ef";

        Assert.False(RemotePostText.IsSamePost("Voir https://www.service-public.fr/Particuliers", remote, [Link(5, "https://t.co/Ab12Cd34Ef", "https://www.service-public.fr/particuliers", "service-public.fr/particuliers")], []));
    }

    [Fact]
    public void Surrounding_white_space_and_line_endings_do_not_count_but_the_words_do()
    {
        Assert.True(RemotePostText.IsSamePost("  Route barrée.\r\nDéviation par Aix.  ", "Route barrée.\nDéviation par Aix.", [], []));
        Assert.False(RemotePostText.IsSamePost("Route barrée. Déviation par Aix.", "Route barrée. Déviation par Arles.", [], []));
        Assert.False(RemotePostText.IsSamePost("Route barrée.", "Route barrée. Déviation par Aix.", [], []));
        Assert.False(RemotePostText.IsSamePost("Route barrée. Déviation par Aix.", "Route barrée.", [], []));
    }

    [Fact]
    public void A_link_without_expanded_url_matches_any_single_url_in_its_place()
    {
        const string remote = "Plan https://t.co/Ab12Cd34Ef ici";
        var entity = new RemoteUrlEntity(5, 28, "https://t.co/Ab12Cd34Ef", null);

        Assert.True(RemotePostText.IsSamePost("Plan https://exemple.fr/plan ici", remote, [entity], []));
        Assert.False(RemotePostText.IsSamePost("Plan ici", remote, [entity], []));
    }
}
