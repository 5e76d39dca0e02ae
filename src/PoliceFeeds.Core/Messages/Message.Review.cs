namespace PoliceFeeds.Core.Messages;

/// <summary>Submitting and editing under a <see cref="ValidationRequirement"/>, which keeps the sensitive words it found.</summary>
public partial class Message
{
    /// <summary>Separates the phrases in <see cref="SensitiveWordsFound"/> (a phrase never holds a line break).</summary>
    public const char SensitiveWordSeparator = '\n';

    /// <summary>
    /// The sensitive words found in the text when it was last submitted (or edited while scheduled), as the lists spelt
    /// them then, separated by <see cref="SensitiveWordSeparator"/>; "" when none. Kept with the message: removing a word
    /// from a list later changes neither the status nor what the validator is shown.
    /// </summary>
    public string SensitiveWordsFound { get; set; } = "";

    public IReadOnlyList<string> SensitiveWords => SensitiveWordsFound.Split(SensitiveWordSeparator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// <see cref="Submit(string, bool, DateTime)"/> with the decision of <see cref="ValidationPolicy"/>: the sensitive
    /// words that decided it are kept on the message and named in the audit entry.
    /// </summary>
    public LifecycleResult Submit(string actorId, ValidationRequirement requirement, DateTime nowUtc)
    {
        var result = Submit(actorId, requirement.IsRequired, nowUtc);
        if (result.Succeeded)
        {
            RecordSensitiveWords(requirement);
        }

        return result;
    }

    /// <summary><see cref="Edit(string, bool, DateTime)"/> with the decision of <see cref="ValidationPolicy"/> for the new version.</summary>
    public LifecycleResult Edit(string editorId, ValidationRequirement requirement, DateTime nowUtc)
    {
        var wasScheduled = Status == MessageStatus.Approved;
        var result = Edit(editorId, EditValidationRule.IsRequired(requirement), nowUtc);
        if (result.Succeeded && wasScheduled)
        {
            RecordSensitiveWords(requirement);
        }

        return result;
    }

    private void RecordSensitiveWords(ValidationRequirement requirement)
    {
        SensitiveWordsFound = string.Join(SensitiveWordSeparator, requirement.SensitiveWords);
        if (requirement.SensitiveWords.Count > 0 && _pendingChanges.Count > 0)
        {
            // The audit entry of this step says why it went to a validator.
            var last = _pendingChanges[^1];
            var words = "mots sensibles : " + string.Join(", ", requirement.SensitiveWords);
            _pendingChanges[^1] = last with { Reason = last.Reason is null ? words : last.Reason + " ; " + words };
        }
    }
}
