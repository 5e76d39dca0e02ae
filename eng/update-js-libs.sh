#!/usr/bin/env bash
# Repeatable copy of the front-end libraries into wwwroot/lib (never a CDN).
# twitter-text 3.1.0 ships CommonJS only: esbuild bundles it with its dependencies into one browser script that
# defines the global `twttr` (`twttr.txt.parseTweet(...)`), the shape of twitter-text's historical browser build.
# Chart.js is copied as published (dist/chart.umd.min.js).
# Usage: eng/update-js-libs.sh   (needs node and npm; the output is committed, so running the app needs neither)
set -euo pipefail
cd "$(dirname "$0")/js-libs"
npm install --no-audit --no-fund --silent
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
