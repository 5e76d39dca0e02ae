#!/usr/bin/env bash
# Repeatable copy of the front-end libraries into wwwroot/lib (never a CDN).
# twitter-text 3.1.0 ships CommonJS only: esbuild bundles it with its dependencies into one browser script that
# defines the global `twttr` (`twttr.txt.parseTweet(...)`), the shape of twitter-text's historical browser build.
# Chart.js is copied as published (dist/chart.umd.min.js).
# Usage: eng/update-js-libs.sh   (needs node and npm; the output is committed, so running the app needs neither)
set -euo pipefail
cd "$(dirname "$0")/js-libs"
npm install --no-audit --no-fund --silent --ignore-scripts
target=../../src/PoliceFeeds.Web/wwwroot/lib/twitter-text
mkdir -p "$target"
npx --no-install esbuild twitter-text-entry.js --bundle --format=iife --global-name=twttr --minify --target=es2017 \
  --legal-comments=inline --outfile="$target/twitter-text.min.js"
cp node_modules/twitter-text/LICENSE "$target/LICENSE"
echo "twitter-text $(node -p "require('./node_modules/twitter-text/package.json').version") copied to $target"
# Chart.js (pilot report charts): its own minified UMD build, which defines the global `Chart`.
charts=../../src/PoliceFeeds.Web/wwwroot/lib/chartjs
mkdir -p "$charts"
cp node_modules/chart.js/dist/chart.umd.min.js "$charts/chart.umd.min.js"
cp node_modules/chart.js/LICENSE.md "$charts/LICENSE.md"
echo "chart.js $(node -p "require('./node_modules/chart.js/package.json').version") copied to $charts"
# The server-side count's data (character classes, domains, emoji pattern) and the differential test's answers come
# from the same twitter-text package.
node generate-twitter-text-regexes.js
node generate-count-cases.js
# DSFR (Système de design de l'État): only the parts the pages use. The CSS is bundled by esbuild from the core and the
# components listed in dsfr-entry.css (icons and fonts they reference are copied beside it, renamed by esbuild); the
# unused Marianne faces and Spectral are left out of the core's @font-face rules. The filtered core is written beside the original in node_modules. The JS is the core plus the
# interactive components the pages use, concatenated (ES modules without import/export, loaded as one module script).
# The @gouvfr/dsfr preinstall script asks for a project file of its own CLI: npm runs with --ignore-scripts for it.
dsfr=node_modules/@gouvfr/dsfr/dist
dsfr_target=../../src/PoliceFeeds.Web/wwwroot/lib/dsfr
rm -rf "$dsfr_target" && mkdir -p "$dsfr_target"

# Keep Marianne Regular only (58 KB; Bold would take the first visit over its 150 KB budget): bold, medium, light and
# italic are synthesised by the browser from Regular (docs/design-system.md).
node -e '
const fs = require("fs");
const css = fs.readFileSync(process.argv[1], "utf8");
const kept = css.replace(/@font-face\{[^}]*\}/g, f => /Marianne-Regular\.woff2/.test(f) ? f.replace(/,url\([^)]*\.woff\) format\("woff"\)/, "") : "");
fs.writeFileSync(process.argv[2], kept);' "$dsfr/core/core.main.min.css" "$dsfr/core/core.policefeeds.css"
# The utility icons the pages use (one rule each, from DSFR's icon sheets), beside those sheets so their URLs resolve.
node -e '
const fs = require("fs"), path = require("path");
const dir = process.argv[1], wanted = process.argv.slice(2);
let out = "";
for (const sub of fs.readdirSync(dir).filter(d => d.startsWith("icons-"))) {
  const css = fs.readFileSync(path.join(dir, sub, sub + ".main.min.css"), "utf8");
  for (const name of wanted) {
    const rule = css.match(new RegExp("\\.fr-icon-" + name + ":after,\\.fr-icon-" + name + ":before\\{[^}]*\\}"));
    if (rule) out += rule[0];
  }
}
fs.writeFileSync(path.join(dir, "icons-system", "icons.policefeeds.css"), out);' "$dsfr/utility/icons" \
  theme-fill account-circle-fill logout-box-r-line close-line add-line edit-line delete-line check-line filter-line \
  calendar-line external-link-line arrow-left-line error-warning-line time-line
# Icons are inlined as data: URLs (each was a request whose security headers outweighed the icon); fonts are files.
npx --no-install esbuild dsfr-entry.css --bundle --minify --loader:.svg=dataurl --loader:.woff2=file \
  --asset-names='assets/[name]-[hash]' --outfile="$dsfr_target/dsfr.min.css"
node purge-dsfr.js
: > "$dsfr_target/dsfr.module.min.js"
for part in core/core scheme/scheme component/navigation/navigation component/header/header component/modal/modal \
  component/accordion/accordion component/display/display component/table/table; do
  # Each part is an ES module with top-level declarations of its own: a block keeps them apart in one file.
  { printf '{\n'; grep -v '^//# sourceMappingURL' "$dsfr/$part.module.min.js"; printf '\n}\n'; } >> "$dsfr_target/dsfr.module.min.js"
done
cp node_modules/@gouvfr/dsfr/LICENSE.md "$dsfr_target/LICENSE.md"
echo "@gouvfr/dsfr $(node -p "require('./node_modules/@gouvfr/dsfr/package.json').version") copied to $dsfr_target"
