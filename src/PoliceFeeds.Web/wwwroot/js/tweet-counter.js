// Live weighted character counter for X posts, using the official twitter-text library (global `twttr`).
// Markup: <textarea data-tweet-counter="OUTPUT_ID"> and <p id="OUTPUT_ID" data-template-ok data-template-over data-template-invalid>.
(function () {
    'use strict';

    var MAX = 280;

    function format(template, values) {
        return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
    }

    function update(textarea, output) {
        var result = window.twttr.txt.parseTweet(textarea.value || '');
        var count = result.weightedLength;
        var hasInvalidCharacter = window.twttr.txt.hasInvalidCharacters(textarea.value || '');
        var over = Math.max(0, count - MAX);
        var template;
        if (hasInvalidCharacter) {
            template = output.getAttribute('data-template-invalid') || '{count} / {max} caractères — caractère non autorisé';
        } else if (over > 0) {
            template = output.getAttribute('data-template-over') || '{count} / {max} caractères — trop long de {over} caractères';
        } else {
            template = output.getAttribute('data-template-ok') || '{count} / {max} caractères';
        }

        output.textContent = format(template, { count: count, max: MAX, over: over });
        var invalid = hasInvalidCharacter || over > 0;
        // DSFR: the counter reads as an error message and the field takes the error style.
        output.classList.toggle('fr-error-text', invalid);
        output.classList.toggle('fr-info-text', !invalid);
        textarea.classList.toggle('fr-input--error', invalid);
        output.setAttribute('data-weighted-length', String(count));
    }

    function init() {
        if (!window.twttr || !window.twttr.txt) {
            return;
        }

        document.querySelectorAll('textarea[data-tweet-counter]').forEach(function (textarea) {
            var output = document.getElementById(textarea.getAttribute('data-tweet-counter'));
            if (!output) {
                return;
            }

            textarea.addEventListener('input', function () { update(textarea, output); });
            update(textarea, output);
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
