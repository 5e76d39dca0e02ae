// Department home: the filters are folded on a phone and open on a wider screen (DSFR's collapse, driven by aria-expanded).
(function () {
    'use strict';
    function init() {
        var button = document.querySelector('[data-open-on-desktop]');
        if (button && window.matchMedia('(min-width: 48em)').matches) {
            button.setAttribute('aria-expanded', 'true');
            var panel = document.getElementById(button.getAttribute('aria-controls'));
            if (panel) {
                panel.classList.add('fr-collapse--expanded');
            }
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
