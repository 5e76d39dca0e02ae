using System.Globalization;
using System.Text;

namespace PoliceFeeds.Core.Archives;

/// <summary><c>LISEZMOI.txt</c>: what the archive holds and what each field of the manifest means, in French.</summary>
public static class ArchiveReadme
{
    private static readonly (string Field, string Meaning)[] Fields =
    [
        ("deliveryId", "numéro de la publication dans PoliceFeeds (un message envoyé à un compte)"),
        ("messageId", "numéro du message ; un message publié sur plusieurs comptes a plusieurs entrées"),
        ("network", "réseau : X, Bluesky ou Mastodon"),
        ("account", "compte du département sur ce réseau, sans « @ »"),
        ("accountServer", "serveur du compte (serveur Bluesky, instance Mastodon) ; vide pour X"),
        ("remotePostId", "identifiant de la publication sur le réseau"),
        ("remotePostUrl", "adresse de la publication sur le réseau"),
        ("sentAtUtc", "heure d'envoi, en temps universel (UTC)"),
        ("sentAtLocal", "heure d'envoi dans l'heure du département, avec son décalage"),
        ("category", "catégorie du message"),
        ("text", "texte tel qu'il a été envoyé ; vide si le message a été masqué"),
        ("inReplyToMessageId", "message auquel celui-ci répond (suite, fin de déviation, remerciement)"),
        ("replyFallback", "réponse refusée par le réseau et envoyée autrement : QuotePost (citation) ou LinkPost (publication avec lien)"),
        ("photos / photoFiles", "fichiers des photos dans le dossier photos/ (un fichier par photo du message)"),
        ("photos / photoDescriptions", "description de chaque photo (texte alternatif), dans le même ordre ; séparées par « | » dans le CSV"),
        ("draftedBy, draftedAtUtc", "qui a rédigé le message, et quand"),
        ("lastEditedBy, lastEditedAtUtc", "qui l'a modifié en dernier, et quand (heure connue quand la modification a changé son statut)"),
        ("submittedAtUtc", "quand il a été soumis"),
        ("validatedBy, validatedAtUtc", "qui l'a validé, et quand ; vide quand aucune validation n'était requise"),
        ("status", "état de la publication : Sent (en ligne), WithdrawalRequested ou Withdrawing (retrait en cours), Withdrawn (retirée)"),
        ("takedownRequestedAtUtc, takedownRequestedBy", "quand et par qui le retrait a été demandé"),
        ("takedownReason", "motif du retrait (saisi par la personne, « personne retrouvée », fin de déviation)"),
        ("withdrawnAtUtc", "quand la publication a été supprimée du réseau"),
        ("redactedAtUtc, redaction", "quand le message a été masqué, et ce que le masquage a retiré"),
        ("history", "journal des actions sur le message : heure, auteur, action, statuts avant et après, détails (JSON seulement)"),
    ];

    public static string Text(ArchiveManifest manifest)
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var text = new StringBuilder();
        text.AppendLine(fr, $"Archive des publications du département {manifest.Department.Code} {manifest.Department.Name}");
        text.AppendLine(fr, $"Période : du {manifest.Period.From} au {manifest.Period.To} inclus, heure du département ({manifest.Period.TimeZone}).");
        text.AppendLine(fr, $"Produite le {ArchiveCsv.Utc(manifest.GeneratedAtUtc)} (UTC) par {manifest.GeneratedBy}, avec PoliceFeeds (format de manifeste {manifest.Version}).");
        text.AppendLine();
        text.AppendLine(manifest.Scope);
        text.AppendLine();
        text.AppendLine("Contenu :");
        text.AppendLine("- LISEZMOI.txt : ce fichier ;");
        text.AppendLine("- manifest.json : en-tête (version, département, période, date de production, décomptes) puis une entrée par publication (champ « entries ») ;");
        text.AppendLine("- manifest.csv : les mêmes entrées, une ligne chacune (UTF-8, séparateur point-virgule), sans le journal des actions ;");
        text.AppendLine("- photos/ : les photos des messages, telles qu'elles ont été envoyées.");
        text.AppendLine();
        text.AppendLine(fr, $"Décomptes : {manifest.Counts.Posts} publications, {manifest.Counts.Messages} messages, {manifest.Counts.Photos} photos, {manifest.Counts.TakenDown} publications retirées, {manifest.Counts.RedactedMessages} messages masqués.");
        text.AppendLine();
        text.AppendLine("Masquage :");
        text.AppendLine(manifest.RedactionNote);
        text.AppendLine();
        text.AppendLine("Champs de chaque entrée (les heures sont en UTC sauf sentAtLocal) :");
        foreach (var (field, meaning) in Fields)
        {
            text.AppendLine(fr, $"- {field} : {meaning}.");
        }

        return text.ToString();
    }
}
