// Preview of a post as X shows it: display name, @handle, text with links, hashtags and mentions, photos with alt text.
// Markup: <div data-post-preview data-handle data-display-name data-source="TEXTAREA_ID" data-photos-source="CONTAINER_ID">.
// User text is only ever inserted with textContent: a <script> typed in a message shows as text.
(function () {
    'use strict';

    function linkFor(entity, text) {
        var a = document.createElement('a');
        a.rel = 'noopener noreferrer';
        if (entity.url) {
            a.href = /^https?:\/\//i.test(entity.url) ? entity.url : 'https://' + entity.url;
            a.textContent = entity.url;
        } else if (entity.hashtag) {
            a.href = 'https://x.com/hashtag/' + encodeURIComponent(entity.hashtag);
            a.textContent = '#' + entity.hashtag;
        } else if (entity.screenName) {
            a.href = 'https://x.com/' + encodeURIComponent(entity.screenName);
            a.textContent = '@' + entity.screenName;
        } else {
            a.textContent = text;
        }

        return a;
    }

    function appendText(parent, text) {
        var lines = text.split('\n');
        lines.forEach(function (line, index) {
            if (index > 0) {
                parent.appendChild(document.createElement('br'));
            }

            parent.appendChild(document.createTextNode(line));
        });
    }

    function renderText(target, text) {
        target.textContent = '';
        var entities = window.twttr && window.twttr.txt ? window.twttr.txt.extractEntitiesWithIndices(text) : [];
        var position = 0;
        // Indices are in code points; work on an array of code points.
        var codePoints = Array.from(text);
        entities.forEach(function (entity) {
            var start = entity.indices[0];
            var end = entity.indices[1];
            appendText(target, codePoints.slice(position, start).join(''));
            target.appendChild(linkFor(entity, codePoints.slice(start, end).join('')));
            position = end;
        });
        appendText(target, codePoints.slice(position).join(''));
    }

    function altFor(container, key) {
        var input = container.querySelector('[data-alt-for="' + key + '"]');
        return input ? input.value : '';
    }

    function renderPhotos(preview, container) {
        var grid = preview.querySelector('[data-post-preview-photos]');
        if (!grid) {
            grid = document.createElement('div');
            grid.setAttribute('data-post-preview-photos', '');
            grid.className = 'post-preview-photos';
            preview.appendChild(grid);
        }

        grid.querySelectorAll('img').forEach(function (img) {
            if (img.src.indexOf('blob:') === 0) {
                URL.revokeObjectURL(img.src);
            }
        });
        grid.textContent = '';
        container.querySelectorAll('[data-existing-photo-row]').forEach(function (row) {
            var img = row.querySelector('img[data-existing-photo]');
            var remove = row.querySelector('input[type=checkbox]');
            var alt = row.querySelector('[data-alt-input]');
            if (img && !(remove && remove.checked)) {
                var copy = document.createElement('img');
                copy.src = img.src;
                copy.alt = alt ? alt.value : img.alt;
                grid.appendChild(copy);
            }
        });
        container.querySelectorAll('input[type=file][data-photo-input]').forEach(function (input) {
            if (input.files && input.files[0]) {
                var img = document.createElement('img');
                img.src = URL.createObjectURL(input.files[0]);
                img.alt = altFor(container, input.getAttribute('data-photo-input'));
                grid.appendChild(img);
            }
        });
        grid.hidden = grid.children.length === 0;
    }

    function init() {
        document.querySelectorAll('[data-post-preview]').forEach(function (preview) {
            var source = document.getElementById(preview.getAttribute('data-source'));
            var target = preview.querySelector('[data-post-preview-text]');
            var photos = document.getElementById(preview.getAttribute('data-photos-source'));
            if (source && target) {
                var update = function () { renderText(target, source.value || ''); };
                source.addEventListener('input', update);
                update();
            }

            if (photos) {
                var updatePhotos = function () { renderPhotos(preview, photos); };
                photos.addEventListener('change', updatePhotos);
                photos.addEventListener('input', updatePhotos);
                updatePhotos();
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
