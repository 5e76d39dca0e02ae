// Live count per network on the compose page: each network counts the text it takes (its variant when one is typed,
// otherwise the message's text) its own way. The server counts again when the form is posted and has the last word.
// Markup: <ul data-network-counts data-template-ok data-template-over> with <li data-network-count="X|Bluesky|Mastodon" data-limit>,
// <textarea data-variant-for="NETWORK">, target checkboxes <input data-target-network="NETWORK">.
(function () {
    'use strict';

    var URL_LENGTH = 23;
    var BLUESKY_MAX_BYTES = 3000;

    function graphemes(text) {
        if (window.Intl && Intl.Segmenter) {
            var n = 0;
            var segments = new Intl.Segmenter('fr', { granularity: 'grapheme' }).segment(text);
            for (var it = segments[Symbol.iterator](), step = it.next(); !step.done; step = it.next()) {
                n++;
            }

            return n;
        }

        return Array.from(text).length;
    }

    function mastodonCount(text) {
        // Mastodon counts every link as 23 characters and a mention of a remote account by its local part.
        var countable = text
            .replace(/https?:\/\/[^\s<>"]+/gi, new Array(URL_LENGTH + 1).join('x'))
            .replace(/@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]/gi, '@$1');
        return Array.from(countable).length;
    }

    function count(network, text) {
        switch (network) {
            case 'X':
                return window.twttr && window.twttr.txt ? window.twttr.txt.parseTweet(text).weightedLength : Array.from(text).length;
            case 'Bluesky':
                return graphemes(text);
            case 'Mastodon':
                return mastodonCount(text);
            default:
                return Array.from(text).length;
        }
    }

    function format(template, values) {
        return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
    }

    function init() {
        var list = document.querySelector('[data-network-counts]');
        var main = document.getElementById('Input_Text');
        if (!list || !main) {
            return;
        }

        function textFor(network) {
            var variant = document.querySelector('textarea[data-variant-for="' + network + '"]');
            return variant && variant.value.trim() !== '' ? variant.value : (main.value || '');
        }

        function targeted(network) {
            var boxes = document.querySelectorAll('input[data-target-network="' + network + '"]');
            if (boxes.length === 0) {
                return true;
            }

            return Array.prototype.some.call(boxes, function (box) { return box.checked; });
        }

        function update() {
            list.querySelectorAll('[data-network-count]').forEach(function (item) {
                var network = item.getAttribute('data-network-count');
                var limit = parseInt(item.getAttribute('data-limit'), 10);
                var text = textFor(network);
                var n = count(network, text);
                var over = Math.max(0, n - limit);
                var tooLong = over > 0 || (network === 'Bluesky' && new TextEncoder().encode(text).length > BLUESKY_MAX_BYTES);
                var template = list.getAttribute(tooLong ? 'data-template-over' : 'data-template-ok');
                item.textContent = format(template, { network: network, count: n, max: limit, over: over });
                item.classList.toggle('fr-error-text', tooLong);
                item.hidden = !targeted(network);
            });
        }

        document.addEventListener('input', function (event) {
            if (event.target === main || (event.target.matches && event.target.matches('textarea[data-variant-for]'))) {
                update();
            }
        });
        document.addEventListener('change', function (event) {
            if (event.target.matches && event.target.matches('input[data-target-network]')) {
                update();
            }
        });
        update();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
