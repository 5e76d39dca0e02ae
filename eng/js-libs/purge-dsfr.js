// Keeps only the DSFR rules the pages use (the bundle is 430 KB of CSS, most of it spacing, grid and colour
// utilities the back office never uses). Content: every Razor page and page model (class names are also built in C#,
// e.g. MessageStatusDisplay.BadgeClass), our scripts, and DSFR's own script (the classes it toggles at run time).
// Run by eng/update-js-libs.sh; run it again after using a DSFR class that no page used before (the
// DsfrStylesheetTests test fails until then).
const { PurgeCSS } = require('purgecss');
const fs = require('fs');
const web = '../../src/PoliceFeeds.Web';
const target = `${web}/wwwroot/lib/dsfr/dsfr.min.css`;

(async () => {
  const before = fs.statSync(target).size;
  const [result] = await new PurgeCSS().purge({
    content: [`${web}/Pages/**/*.cshtml`, `${web}/Pages/**/*.cs`, `${web}/wwwroot/js/*.js`, `${web}/wwwroot/lib/dsfr/dsfr.module.min.js`],
    css: [target],
    // DSFR's script builds its class names from a prefix at run time (ns("modal--opened") → "fr-modal--opened"):
    // every word of the scripts is kept both as it is and with the "fr-" prefix.
    extractors: [{ extensions: ['js'], extractor: content => (content.match(/[A-Za-z0-9_-]+/g) || []).flatMap(w => [w, 'fr-' + w]) }],
    fontFace: false,
    keyframes: false,
    variables: false,
    dynamicAttributes: ['data-fr-theme', 'data-fr-scheme', 'data-fr-js', 'data-fr-opened', 'aria-expanded', 'aria-current', 'aria-disabled', 'aria-selected', 'aria-hidden', 'aria-invalid', 'open', 'disabled', 'checked', 'hidden', 'target', 'href', 'type', 'class'],
    // The interactive components whose script adds state classes built at run time (fr-modal--opened, fr-collapse--expanded...) keep all their rules.
    safelist: {
      standard: ['html', 'body', ':root', /^fr-modal/, /^fr-collapse/, /^fr-accordion/, /^fr-header/, /^fr-nav/, /^fr-table/, /^fr-breadcrumb/, /^fr-display/, /--opened$/, /--expanded$/, /--collapsing$/],
      greedy: [/data-fr-/, /^fr-icon-/],
    },
  });
  fs.writeFileSync(target, result.css);
  console.log(`dsfr.min.css purged: ${before} → ${result.css.length} bytes`);
})();
