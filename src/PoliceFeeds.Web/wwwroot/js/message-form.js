// Compose page: shows the suggested hashtags of the chosen category, shows the end-time field only for road deviations,
// and moves focus to the error summary.
(function () {
    'use strict';

    function init() {
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
