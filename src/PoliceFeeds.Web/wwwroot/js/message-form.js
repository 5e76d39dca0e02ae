// Compose page: suggested hashtags of the chosen category, the end-time field only for road deviations, what
// "Soumettre" will do (validation, live account or training timeline), "Dès la validation" / "Dès que possible",
// the date disabled unless a time is chosen, a confirmation before publishing at once on a live account, and focus on
// the error summary.
(function () {
    'use strict';

    function init() {
        var form = document.getElementById('message-form');
        var category = document.getElementById('Input_CategoryId');
        var hashtags = document.querySelector('[data-category-hashtags]');
        if (category && hashtags) {
            var show = function () {
                var option = category.options[category.selectedIndex];
                hashtags.textContent = option ? (option.getAttribute('data-hashtags') || '') : '';
            };
            category.addEventListener('change', show);
            show();
        }

        var end = document.querySelector('[data-deviation-end]');
        if (category && end) {
            var toggleEnd = function () {
                end.hidden = category.value !== end.getAttribute('data-deviation-category');
            };
            category.addEventListener('change', toggleEnd);
            toggleEnd();
        }

        var needsValidation = function () {
            if (!form) {
                return true;
            }
            if (form.getAttribute('data-department-requires-validation') === 'true' || form.getAttribute('data-sensitive-words') === 'true') {
                return true;
            }
            var option = category ? category.options[category.selectedIndex] : null;
            return !option || option.getAttribute('data-requires-validation') !== 'false';
        };
        var isLive = form && form.getAttribute('data-live-account') === 'true';

        var outcome = document.querySelector('[data-submit-outcome]');
        var outcomeText = document.getElementById('submit-outcome');
        var asapLabel = document.querySelector('[data-asap-label]');
        var describe = function () {
            var validation = needsValidation();
            if (outcome && outcomeText) {
                outcomeText.textContent = outcome.getAttribute(validation ? 'data-text-validation' : isLive ? 'data-text-live' : 'data-text-sandbox');
            }
            if (asapLabel) {
                asapLabel.textContent = asapLabel.getAttribute(validation ? 'data-text-validation' : 'data-text-no-validation');
            }
        };
        if (category) {
            category.addEventListener('change', describe);
        }
        describe();

        // Sensitive words: asked of the server (the one matcher) a moment after typing stops; the page then says that
        // "Soumettre" goes to a validator, and names the words.
        var text = document.getElementById('Input_Text');
        var found = document.querySelector('[data-sensitive-words-found]');
        var department = document.getElementById('Input_DepartmentId');
        var token = form ? form.querySelector('input[name=__RequestVerificationToken]') : null;
        if (form && text && found && department && token && window.fetch) {
            var timer = null;
            var check = function () {
                var body = new FormData();
                body.append('__RequestVerificationToken', token.value);
                body.append('departmentId', department.value);
                body.append('text', text.value);
                fetch(window.location.pathname + '?handler=SensitiveWords', { method: 'POST', body: body, credentials: 'same-origin' })
                    .then(function (response) { return response.ok ? response.json() : null; })
                    .then(function (answer) {
                        if (!answer) {
                            return;
                        }
                        form.setAttribute('data-sensitive-words', answer.words.length > 0 ? 'true' : 'false');
                        found.textContent = '';
                        if (answer.words.length > 0) {
                            var p = document.createElement('p');
                            p.className = 'fr-text--sm fr-mb-1w';
                            p.setAttribute('data-testid', 'sensitive-words');
                            p.textContent = form.getAttribute('data-sensitive-words-intro') + ' ' + answer.words.map(function (w) { return '« ' + w + ' »'; }).join(', ') + '.';
                            found.appendChild(p);
                        }
                        describe();
                    })
                    .catch(function () { });
            };
            text.addEventListener('input', function () {
                clearTimeout(timer);
                timer = setTimeout(check, 400);
            });
            department.addEventListener('change', check);
        }

        var asap = document.getElementById('schedule-asap');
        var at = document.getElementById('schedule-at');
        var date = document.querySelector('[data-schedule-at]');
        if (asap && at && date) {
            var toggleDate = function () {
                date.disabled = !at.checked;
            };
            asap.addEventListener('change', toggleDate);
            at.addEventListener('change', toggleDate);
            toggleDate();
        }

        var submit = document.querySelector('[data-submit-button]');
        var modal = document.getElementById('confirm-publish');
        if (submit && modal && isLive) {
            submit.addEventListener('click', function (event) {
                if (needsValidation() || !window.dsfr) {
                    return;
                }
                event.preventDefault();
                window.dsfr(modal).modal.disclose();
            });
        }

        var errors = document.getElementById('form-errors');
        if (errors) {
            errors.focus();
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
