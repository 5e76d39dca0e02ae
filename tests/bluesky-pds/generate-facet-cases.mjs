// Differential test data for the server-side facet detection (PoliceFeeds.Core.Networks.Bluesky.BlueskyFacets):
// seeded random French police texts (accents, combining marks, apostrophes, emoji and ZWJ sequences, flags), with links
// with and without protocol, bare domains, trailing punctuation and parentheses, hashtags (fullwidth ＃, digits only,
// emoji, variation selectors, zero-width characters, over 64 characters) and cashtags, answered by the reference:
// @atproto/api's RichText.detectFacetsWithoutResolution (mentions left out: they need a handle resolution we do not do).
// Also writes the top-level domain list the reference uses (npm `tlds`, its dependency) as C#.
// Usage: node generate-facet-cases.mjs [count]   (after `npm ci` here; deterministic; default 3000 texts)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { RichText } from '@atproto/api';

const require = createRequire(import.meta.url);
const tlds = require('tlds');
const tldsVersion = require('tlds/package.json').version;
const apiVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', '@atproto', 'api', 'package.json'), 'utf8')).version;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');

const count = Number(process.argv[2] || 3000);
let state = 0x0b15c7;
// mulberry32: small, seeded, the same on every machine.
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

const words = ["L'accès", 'à', 'rue de l’Église', 'Brest', 'Quimper', 'contrôle', 'sécurité', 'déviation', "aujourd'hui",
  'élève', 'garçon', 'cœur', 'naïve', 'où', '« attention »', 'préfecture', 'accident', 'fermée', 'e\u0301te\u0301',
  'Ame\u0301lie', 'c\u0327a', 'témoins', 'appel', 'disparue', 'Nantes', 'Lille', '(voir', 'ici)', '—', '…', '!', '?', ':',
  'ß', 'İstanbul', 'ſ', '2026', '17h30', 'n°', '€', '$', '$5', '$AAPL', '$abc', '($PNAT)', '$TOOLONG'];
const emoji = ['👉', '🚓', '🚨', '⚠️', '⚠', '❤️', '👮‍♀️', '👮🏽‍♂️', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '👍🏽', '1️⃣', '#️⃣', '🧑‍🚒',
  '☎️', '©', '™', '😀', '🫠', '🐈‍⬛', '❤️‍🔥', '🏃‍♀️‍➡️'];
const hosts = ['www.service-public.fr', 'service-public.fr', 'interieur.gouv.fr', 'police-nationale.interieur.gouv.fr',
  'example.com', 'a.co', 'x.com', 'bsky.app', 'sub.domain.example.org', 'a-b.c-d.info', 'test.comx', 'ab.c', 'localhost',
  '127.0.0.1', 'Service-Public.FR', 'WWW.EXAMPLE.COM', 'httpbin.org', 'http.fr', 'masecurite.interieur.gouv.fr', 'bit.ly',
  'ex.test', 'foo.paris', 'foo.bzh', 'café.fr', 'exa_mple.com', 'e.x.a.m.p.l.e.fr'];
const paths = ['', '/', '/particuliers/vosdroits/F1234', '/a/b/c.html', '/wiki/Foo_(bar)', '/x(y', '/path.', '/é', '/?q=1&r=2',
  '#frag', '/a)', ':8080/x', '/👉', '/%C3%A9'];
const schemes = ['https://', 'http://', '', '', 'HTTPS://', 'Http://', 'ftp://', 'https:/', 'www.'];
const trailing = ['', '', '.', ',', ';', ':', '!', '?', ')', '.)', '),', '…', '»', '"', "'", '’'];
const tagBodies = ['Police', 'policenationale', 'Sécurité', 'AppelÀTémoins', '44', '2026', 'A1', '1A', 'élève_2',
  'café-crème', '👮', '🚓police', 'x\ufe0f', '\ufe0fx', 'a\u200bb', 'a\u00adb', 'Touché!', 'fin.', 'fin...', 'Œuvre',
  'ab'.repeat(33), 'é'.repeat(64), 'é'.repeat(65), 'e\u0301'.repeat(40), '_', '-', '—x', 'déviation)', 'a#b', '＃fullwidth'];
const hashes = ['#', '#', '＃', '##', '#️⃣'];
const spaces = [' ', ' ', ' ', '\n', '\u00a0', '\u202f', '\u3000', '\t', '\u2028', '\ufeff', '\u0085', '', '('];

const link = () => pick(schemes) + pick(hosts) + pick(paths) + pick(trailing);
const tag = () => pick(hashes) + pick(tagBodies) + pick(trailing);
const piece = () => {
  const r = int(10);
  if (r < 4) return pick(words);
  if (r < 5) return pick(emoji);
  if (r < 7) return link();
  if (r < 9) return tag();
  return pick(emoji) + pick([link(), tag()]);
};

const texts = [];
for (let i = 0; i < count; i++) {
  const n = 1 + int(14);
  let text = '';
  for (let j = 0; j < n; j++) {
    text += (j === 0 && random() < 0.5 ? '' : pick(spaces)) + piece();
  }
  texts.push(text);
}

const cases = texts.map((text) => {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const facets = (rt.facets || [])
    .filter((f) => f.features.every((x) => x.$type !== 'app.bsky.richtext.facet#mention'))
    .map((f) => {
      const feature = f.features[0];
      return feature.$type === 'app.bsky.richtext.facet#link'
        ? { byteStart: f.index.byteStart, byteEnd: f.index.byteEnd, kind: 'link', value: feature.uri }
        : { byteStart: f.index.byteStart, byteEnd: f.index.byteEnd, kind: 'tag', value: feature.tag };
    });
  return { text, facets };
});

const dataDir = path.join(root, 'tests', 'PoliceFeeds.UnitTests', 'Data', 'bluesky');
fs.mkdirSync(dataDir, { recursive: true });
fs.writeFileSync(path.join(dataDir, 'facets.json'),
  JSON.stringify({ reference: `@atproto/api ${apiVersion} RichText.detectFacetsWithoutResolution`, cases }, null, 1) + '\n');

const cs = `// <auto-generated>
// Generated by tests/bluesky-pds/generate-facet-cases.mjs from npm tlds ${tldsVersion} (the list @atproto/api ${apiVersion}
// checks bare domains against). Do not edit by hand.
// </auto-generated>
namespace PoliceFeeds.Core.Networks.Bluesky;

internal static class BlueskyTlds
{
    public static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
${tlds.map((t) => `        ${JSON.stringify(t)},`).join('\n')}
    };
}
`;
fs.writeFileSync(path.join(root, 'src', 'PoliceFeeds.Core', 'Networks', 'Bluesky', 'BlueskyTlds.g.cs'), cs);
const withFacets = cases.filter((c) => c.facets.length > 0).length;
console.log(`${cases.length} texts (${withFacets} with facets), ${tlds.length} top-level domains`);
