// Differential test data for the server-side count: thousands of seeded random texts (French with accents and
// apostrophes, emoji and ZWJ sequences, flags, skin tones, CJK, Hebrew and Arabic, URLs with and without protocol glued
// to words and emoji, hashtags, mentions, invalid and noncharacter code points, lone surrogates, texts stepping over
// 280, hostile URL-like texts), then families of URL texts (issue 22: a path glued to accented letters then a URL in
// parentheses, URLs glued to each other, IDN and emoji domains, punycode, ports, trailing dots, www. without protocol,
// top-level domain edge cases, the path grammar's alphabet, mixed with French, hashtags and mentions), each case tagged
// with its family, with the answers of the official twitter-text 3.1.0 from npm.
// twitter-text requires "punycode"; Node would hand it its own built-in punycode 2.1.0, but the browser's bundle (and
// npm, for twitter-text's declared dependency) uses punycode 1.4.1, which differs on control characters: the package's
// own dependency is loaded, and every answer is checked against the bundle the browser runs
// (src/PoliceFeeds.Web/wwwroot/lib/twitter-text/twitter-text.min.js).
// Usage: node eng/js-libs/generate-count-cases.js [count] [perFamily]   (after `npm ci` in eng/js-libs; deterministic;
// defaults 4000 random texts and 300 per family)
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'punycode' ? 'punycode/' : request, ...rest);
};
const twttr = require('twitter-text');
const root = path.join(__dirname, '..', '..');
const bundlePath = path.join(root, 'src', 'PoliceFeeds.Web', 'wwwroot', 'lib', 'twitter-text', 'twitter-text.min.js');
const sandbox = {};
vm.runInNewContext(`${fs.readFileSync(bundlePath, 'utf8')}\nthis.bundle = twttr;`, sandbox);
const bundle = sandbox.bundle.txt;

const count = Number(process.argv[2] || 4000);
const seed = 0x5eed2026;
let state = seed;
// mulberry32: small, seeded, the same on every machine.
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const cp = (n) => String.fromCodePoint(n);
const between = (a, b) => cp(a + int(b - a + 1));

const french = ["L'accès", 'à', 'rue de l’Église', 'Brest', 'Quimper', 'contrôle', 'sécurité', 'déviation', "aujourd'hui",
  'élève', 'garçon', 'cœur', 'Œuvre', 'naïve', 'où', '« attention »', 'préfecture', 'gendarmerie', 'accident', 'fermée',
  'e\u0301te\u0301', 'Ame\u0301lie', 'c\u0327a', 'A\u030A', 'ﬁn', 'Ǆ', 'ǅ', 'ß', 'ÿ', 'Ÿ', 'İstanbul', 'ı', 'ſ'];
const emoji = ['👉', '🚓', '🚨', '⚠️', '⚠', '❤️', '❤', '👮‍♀️', '👮🏽‍♂️', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '🇧🇪', '🇺🇳', '👍🏽', '👍🏿',
  '1️⃣', '#️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🧑‍🚒', '👩🏻‍⚕️', '☎️', '©', '®', '™', '↔️', '🅰️', '🆗', '🧑🏾‍🤝‍🧑🏼', '😀', '🤌', '🫠', '🐈‍⬛', '❤️‍🔥', '🏃‍♀️‍➡️'];
const cjk = ['警察', '東京', '交通事故', 'こんにちは', 'カタカナ', '경찰', '한국어', '中文', '『注意』', '，', '。'];
const rtl = ['שלום', 'משטרה', 'مرحبا', 'شرطة', 'سلام', 'עברית', 'العربية', '\u200E', '\u200F', '\u202B', '\u202C', '\u2067',
  '\u2069', '\u061C'];
const hostsAscii = ['www.service-public.fr', 'service-public.fr', 'interieur.gouv.fr', 'gendarmerie.interieur.gouv.fr',
  'example.com', 'a.co', 'police.uk', 'x.com', 't.co', 'bit.ly', 'sub.domain.example.org', 'my_site.example.net', 'a-b.c-d.info',
  'xn--bcher-kva.de', 'xn--p1ai', 'site.xn--p1ai', 'google.community', 'test.comx', 'ab.c', 'localhost', '127.0.0.1', 'wiki.museum'];
const hostsIdn = ['bücher.de', 'café.fr', '例え.jp', 'пример.рф', 'mañana.com', 'ουτοπία.δπθ.gr', 'straße.de', 'ドメイン名例.jp',
  '👉www.service-public.fr', 'שלוםwww.example.com', 'مرحباexample.com', 'exa\u0001mple.com', 'example\u007F.com', 'label\u3002com.fr',
  'xn--.com', 'éé.fr', 'a\u200Db.com', 'a\u2060b.com', 'ß.de'];
const paths = ['', '/', '/particuliers/vosdroits/F1234', '/a/b/c.html', '/wiki/Foo_(bar)', '/wiki/Foo_(bar_(baz))', '/x(y', '/path.',
  '/path!', '/path?q=1&r=2', '?q=a', '?q=a!', '/p#frag', '/@user/', '/@user', ':8080/x', ':80', '/é/ü', '/Путь', '/a–b', '/a)b',
  '/' + 'ab'.repeat(20), '/(a)(b)(c)', '/((a))', '/a(b)c(d)', '/%20x'];
const tags = ['#Brest', '#SécuritéRoutière', '#警察', '#123', '#_x', '＃fullwidth', '@PoliceNationale', '@gendarmerie_29', '＠full',
  '$ABC', '@user/list', '#️⃣'];
const invalid = ['\uFFFE', '\uFEFF', '\uFFFF', '\uFDD0', '\uD83F\uDFFE', '\uDBFF\uDFFF', '\uD800', '\uDC00', '\uDBFF', '\uDFFF x',
  '\uDC00\uD800', '\u0000', '\u0007', '\u001F', '\u007F', '\u0085', '\u00AD', '\u034F', '\u200B', '\uE000', '\uF8FF',
  '\u{F0000}', '\u{10FFFD}', '\u0301', '\u0308\u0301'];
const spaces = [' ', ' ', ' ', '  ', '\n', '\r\n', '\t', '\u00A0', '\u202F', '\u3000', '\u2009', '', '', ', ', '. ', ' - ', '…', '(', ')',
  '"', '«', '»', '/', '.', '-', '_', ':', '!', '?'];
const blocks = [[0x20, 0x7e], [0xa0, 0xff], [0x100, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x590, 0x5ff], [0x600, 0x6ff],
  [0x900, 0x97f], [0xe00, 0xe7f], [0x1100, 0x11ff], [0x1e00, 0x1eff], [0x2000, 0x206f], [0x2190, 0x21ff], [0x2600, 0x26ff],
  [0x3040, 0x30ff], [0x4e00, 0x9fff], [0xac00, 0xd7a3], [0xff00, 0xffef], [0x1f300, 0x1f5ff], [0x1f900, 0x1f9ff], [0x1d400, 0x1d4ff]];

const protocol = () => pick(['', '', 'http://', 'https://', 'HTTPS://', 'Http://', 'ftp://', 'https:/', 'https//']);
const url = () => protocol() + pick(random() < 0.75 ? hostsAscii : hostsIdn) + pick(paths) + (random() < 0.2 ? pick(['.', ',', ')', '!', '?', '…']) : '');
const randomRun = () => {
  const [a, b] = pick(blocks);
  let s = '';
  for (let i = 1 + int(6); i > 0; i--) s += between(a, b);
  return s;
};
const piece = () => {
  const r = random();
  if (r < 0.22) return pick(french);
  if (r < 0.37) return pick(emoji);
  if (r < 0.44) return pick(cjk);
  if (r < 0.51) return pick(rtl);
  if (r < 0.66) return url();
  if (r < 0.73) return pick(tags);
  if (r < 0.78) return pick(invalid);
  if (r < 0.9) return randomRun();
  return pick(emoji) + url() + pick(['', pick(emoji), pick(rtl), pick(french)]);
};
const glue = () => (random() < 0.35 ? '' : pick(spaces));

const hostile = [
  'a.'.repeat(140), 'a.'.repeat(600), 'é.'.repeat(300), '👉a.'.repeat(100), 'a-'.repeat(140) + '.com', 'a_b.'.repeat(100),
  'www.' + 'a'.repeat(63) + '.com', 'www.' + 'a'.repeat(64) + '.com', 'www.' + 'é'.repeat(55) + '.com', 'www.' + 'é'.repeat(60) + '.com',
  'x.' + 'a\u0001'.repeat(30) + '.com', 'https://' + 'a.'.repeat(2000) + 'com', 'http://x.com/' + '('.repeat(200),
  'http://x.com/' + '(a)'.repeat(300), 'http://x.com/' + 'a!'.repeat(500), 'x.com?' + '!'.repeat(400), 'xn--' + 'a.xn--'.repeat(200),
  '#' + 'a'.repeat(300), '@'.repeat(300), 'https://t.co/' + 'a'.repeat(41), 'https://t.co/' + 'a'.repeat(40) + '?x=1!',
  'https://' + 'a'.repeat(4090) + '.com', 'https://' + 'a.'.repeat(2040) + 'com/x', 'a'.repeat(2000) + '\u{10FFFD}.com',
  'a'.repeat(280), 'a'.repeat(281), '警'.repeat(140), '警'.repeat(141), '👉'.repeat(140), '👉'.repeat(141), '',
];

const texts = [...hostile].map((text) => ({ family: 'hostile', text }));
while (texts.length < count) {
  let text = '';
  const target = random() < 0.15 ? 300 + int(600) : 20 + int(300);
  while (text.length < target) text += piece() + glue();
  if (random() < 0.3) text = text.trimEnd();
  texts.push({ family: 'random', text });
}

// Families of URL texts (issue 22: a URL's path glued to an accented letter, then a URL in parentheses). Each family
// has its own seeded generator, so that adding or changing one leaves the texts of the others as they are.
const accents = ['é', 'è', 'ê', 'à', 'ç', 'ô', 'û', 'ï', 'É', 'À', 'Ç', 'œ', 'Œ', 'ß', 'ñ', 'e\u0301', 'E\u0301', 'a\u0300', 'c\u0327',
  'ŀ', 'ǅ', 'ɛ', 'ʻ', 'ḗ', 'ỳ', 'ı', 'İ', 'ÿ', '×', '÷', 'ª', 'º', '´', '¨', 'é́', 'ё', 'ж', 'Ω', 'ω', 'ά', '…', '–', '—', '’'];
const accentRun = () => {
  let s = '';
  for (let i = 1 + int(3); i > 0; i--) s += pick(accents);
  return s;
};
const wordsFr = ['Témoins', 'recherchés', 'accès', 'fermé', 'déviation', 'sécurité', 'préfecture', 'gendarmerie', 'été', 'Noël',
  'où', 'ça', "l'Église", 'à', 'voir', 'ici', 'lien', 'Plus d’infos', 'Appel à témoins', 'contrôle', 'Brest', 'Saint-Étienne'];
const mentionsTags = ['#Brest', '#SécuritéRoutière', '#AppelÀTémoins', '#Noël2025', '@PoliceNationale', '@Prefet44', '@gendarmerie_29',
  '#é', '@é', '＃Sécurité', '$EUR', '#', '@', '#_é', '@a_b'];
const schemes = ['', '', '', 'http://', 'https://', 'HTTPS://', 'hTTp://', 'https:/', 'https//', 'ftp://', 'http:///', '//'];
const tldsEdge = ['fr', 'com', 'gouv.fr', 'co.uk', 'c', 'co', 'community', 'comx', 'fr1', 'frx', 'FR', 'Com', 'COM', 'xn--p1ai',
  'xn--', 'xn--e1afmkfd', 'рф', 'онлайн', '香港', 'みんな', 'africa', 'paris', 'bzh', 'corsica', 'alsace', 'info', 'museum', 'photography',
  'fré', 'fré', 'é', 'ﬁ', 'ＦＲ', 'gouv', 'local', 'localhost', 'onion', 'zip', 'mov', 'app', 'dev', 'io', 'ai', 'tv', 'ly', 'it', 'de'];
// Labels that make a domain, and edge labels (underscores, hyphens at an end, empty punycode, 63 and 64 characters)
// drawn less often, so that most texts of a family still hold URLs.
const labelsAsciiGood = ['www', 'police', 'gendarmerie', 'interieur', 'service-public', 'prefecture-44', 'a', 'x', 'ab', 'a-b', 'a_b',
  '0', '123', 'www2', 'WWW', 'Www', 'xn--bcher-kva', 'xn--gendarmerie--wbb'];
const labelsAsciiEdge = ['_a', 'a_', '-a', 'a-', 'xn--a', 'xn--', 'a'.repeat(63), 'a'.repeat(64)];
const labelsIdnGood = ['gendarmerie-é', 'préfecture', 'sécurité-routière', 'café', 'bücher', 'mañana', 'straße', 'ß', 'é', 'éé', 'ﬁn',
  'e\u0301cole', 'пример', 'полиция', '例え', '警察', 'ουτοπία', 'שלום', 'مرحبا', 'ドメイン', 'İstanbul', 'ı', 'Ω'];
const labelsIdnEdge = ['a\u200Db', 'a\u00ADb', 'a\u0301', '\u0301a', 'é-', '-é', 'é_', 'é'.repeat(62), 'é'.repeat(64)];
const labelsAscii = [...labelsAsciiGood, ...labelsAsciiEdge];
const labelsIdn = [...labelsIdnGood, ...labelsIdnEdge];
const asciiLabel = () => pick(random() < 0.85 ? labelsAsciiGood : labelsAsciiEdge);
const idnLabel = () => pick(random() < 0.85 ? labelsIdnGood : labelsIdnEdge);
const emojiLabels = ['👮', '🚓', '🚨', 'i❤️', '❤', '⚠️', '🇫🇷', '👍🏽', '👮‍♀️', '☎', '☎️', '©', '™', '🫠', '🐈‍⬛', '1️⃣', 'a👉b', '👉www'];
const ports = [':8080', ':80', ':443', ':0', ':65535', ':99999999', ':', ':a', ':8080a', '::80', ':8080:80', ':８０', ':-1', ':80.'];
const pathsEdge = ['', '', '/', '/é', '/actualités', '/Actualités/Témoins', '/abcé', '/a-é', '/é/', '/é.', '/é!', '/é)', '/(é)', '/é(x)',
  '/a(b)é', '/wiki/Égl(ise)', '/%C3%A9', '/@user', '/@é/', '/x?q=é', '?q=é', '?q=1&r=é', '#é', '/#é', '/a_(b)', '/ж', '/é–x', '/é’x',
  '/' + 'é'.repeat(30), '/a/b/c.html', '/index.php?id=1', '/é.html', '/x.', '/x..', '/x...', '/x,', '/x;', '/x:', '/x…'];
const trailing = ['', '', '', '.', '..', ',', ';', ':', '!', '?', ')', '»', '"', "'", '’', '…', '.)', ').', '/.', '-', '_', '+', '@',
  '#', '*', '~', '|', ' ', '\n'];
const sep = () => pick(['', '', '', ' ', ' ', '\n', '\u00A0', '\u202F', '(', ')', '"', '«', '»', '/', '.', ',', '-', '_', ':', '…']);

const domainOf = (label, tld, depth) => {
  const parts = [];
  for (let i = 0; i < depth; i++) parts.push(label());
  return parts.join('.') + '.' + tld;
};
const asciiDomain = () => domainOf(asciiLabel, pick(random() < 0.7 ? ['fr', 'com', 'gouv.fr', 'org', 'net', 'co.uk', 'io'] : tldsEdge), 1 + int(3));
const idnDomain = () => {
  const labels = [];
  for (let i = 1 + int(3); i > 0; i--) labels.push(random() < 0.5 ? idnLabel() : asciiLabel());
  if (!labels.some((l) => labelsIdn.includes(l))) labels[int(labels.length)] = idnLabel();
  return labels.join('.') + '.' + pick(random() < 0.7 ? ['fr', 'com', 'de', 'jp', 'рф', 'xn--p1ai'] : tldsEdge);
};
const emojiDomain = () => {
  const labels = [];
  for (let i = 1 + int(2); i > 0; i--) labels.push(random() < 0.5 ? pick(emojiLabels) : asciiLabel());
  if (!labels.some((l) => emojiLabels.includes(l))) labels[int(labels.length)] = pick(emojiLabels);
  return labels.join('.') + '.' + pick(['fr', 'com', 'ws', 'to', 'fm', 'xn--p1ai', 'рф']);
};
const anyDomain = () => (random() < 0.5 ? asciiDomain() : random() < 0.6 ? idnDomain() : emojiDomain());
// A domain that is not ASCII-only needs a protocol to be a URL: give it one more often.
const schemeFor = (domain) => (/^[-.a-z0-9]*$/i.test(domain) || random() < 0.4 ? pick(schemes) : pick(['https://', 'http://', 'HTTPS://']));
const urlWith = (domain) => schemeFor(domain) + domain + (random() < 0.2 ? pick(ports) : '') + pick(pathsEdge);
const frenchAround = (core) => {
  let text = core;
  for (let i = int(3); i > 0; i--) text = pick(wordsFr) + (i === 1 && random() < 0.7 ? pick([' ', '\n', ' : ']) : sep()) + text;
  for (let i = int(3); i > 0; i--) text += sep() + pick(random() < 0.5 ? wordsFr : mentionsTags);
  if (random() < 0.3) text = pick(mentionsTags) + pick(['', ' ', '\n']) + text;
  return text;
};

const families = {
  // https://site.fr/actualitésé(https://autre.fr/x): path, accented letters, then a URL in parentheses.
  'path-accent-paren': () => {
    const inner = urlWith(anyDomain());
    const open = pick(['(', '(', '(', '((', '( ', '[', '（']);
    const close = pick([')', ')', ')', '))', ' )', ']', '）', '']);
    const domain = pick(random() < 0.6 ? [asciiDomain()] : [idnDomain(), emojiDomain()]);
    const core = schemeFor(domain) + domain +
      (random() < 0.15 ? pick(ports) : '') + pick(['/', '/a', '/actualit', '/x/y', '/a-b_c', '/é', '/(a)', '/a(b)']) + accentRun() +
      open + inner + pick(['', '', accentRun(), '/']) + close + pick(trailing) + (random() < 0.4 ? accentRun() + pick(['', '(' + urlWith(asciiDomain()) + ')']) : '');
    return frenchAround(core);
  },
  // Two to four URLs with nothing, or one character, between them.
  'glued-urls': () => {
    let core = urlWith(anyDomain());
    for (let i = 1 + int(3); i > 0; i--) core += pick(['', '', '', '.', '/', '-', '_', 'é', '(', ')', '@', '#', ':', '👉', '\u200B']) + urlWith(anyDomain());
    return frenchAround(core + pick(trailing));
  },
  // Internationalised labels (é, ß, Cyrillic, CJK, RTL, combining marks) and punycode, with and without protocol.
  'idn': () => frenchAround((random() < 0.3 ? pick(accents) : '') + urlWith(idnDomain()) + pick(trailing)),
  'emoji-domain': () => frenchAround((random() < 0.3 ? pick(emojiLabels) : '') + urlWith(emojiDomain()) + pick(trailing)),
  'port': () => {
    const domain = anyDomain();
    return frenchAround(schemeFor(domain) + domain + pick(ports) + pick(pathsEdge) + pick(trailing));
  },
  // example.com. example.com./x example.com..fr
  'trailing-dot': () => frenchAround(pick(schemes) + (random() < 0.6 ? asciiDomain() : anyDomain()) + pick(['.', '..', '.', './', './x', '.:80', '.é', '. ', '.\n', '.)', '.' + pick(tldsEdge)]) + pick(trailing)),
  'www': () => frenchAround(pick(['', '', '', '', 'http://', 'https://', '@', '#', '.', '-', '_', '/', 'é', 'a', '0', '👉', '(']) +
    pick(['www.', 'www.', 'www.', 'WWW.', 'www2.', 'www.www.', 'ww.', 'wwww.']) +
    pick([asciiLabel(), asciiLabel(), idnLabel(), pick(emojiLabels), '']) +
    pick(['', '.fr', '.gouv.fr', '.com', '.' + pick(tldsEdge), '.' + pick(tldsEdge) + '.' + pick(tldsEdge)]) + pick(pathsEdge) + pick(trailing)),
  // Paths and queries drawn from the grammar's alphabet: G-only characters (–, ., !, ~, @…), ending characters (letters,
  // accents, Cyrillic, /, -, +, =, _, #), parentheses (balanced, nested, unbalanced), '?' and characters outside both.
  'path-grammar': () => {
    const alphabet = ['a', 'é', 'ж', '0', '/', '-', '+', '=', '_', '#', '–', '.', ',', '!', '~', '@', '|', '&', '$', '%', "'", '*', ':', ';', '[',
      ']', '(', ')', '(', ')', '(a)', '(é)', '((a))', '(a(b)c)', '(–)', '?', '?q=1', '&r=é', '!', '—', '…', '’', '"', '»', '\u00A0', ' ',
      '👉', 'x.fr', 'www.x.fr', 'https://x.fr', '(https://x.fr)', '(x.fr/é)', '@a/', '@é', '\u0301', 'ŀ', 'ʻ', 'ǅ', 'Ω', '\u2013(', ')\u2013'];
    let path = pick(['/', '/', '/', '/@', '/(', '?', ':8080/', '/é', '/–']);
    for (let i = 1 + int(12); i > 0; i--) path += pick(alphabet);
    return frenchAround(pick(schemes) + (random() < 0.7 ? asciiDomain() : anyDomain()) + path + pick(trailing));
  },
  'tld-edge': () => frenchAround(pick(['', '', 'https://', 'http://']) + (random() < 0.7 ? asciiLabel() : idnLabel()) + '.' + pick(tldsEdge) +
    pick(['', '', pick(accents), pick(emojiLabels), '@', '+', '-', '_', '0', 'x', '#', pick(ports)]) + pick(pathsEdge) + pick(trailing)),
};
const familyCount = Number(process.argv[3] || 300);
for (const [family, make] of Object.entries(families)) {
  state = seed ^ [...family].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261);
  for (let i = 0; i < familyCount; i++) {
    // Some texts longer than 280, some with several URL texts of the family glued together.
    let text = make();
    while (random() < 0.25) text += pick(['', ' ', '\n', 'é']) + make();
    texts.push({ family, text });
  }
}

const answer = (lib, text) => {
  try {
    const r = lib.parseTweet(text);
    const urls = lib.extractUrlsWithIndices(text).map((u) => [u.indices[0], u.indices[1], u.url.length]);
    return { weightedLength: r.weightedLength, valid: r.valid, permillage: r.permillage, validRangeEnd: r.validRangeEnd, displayRangeEnd: r.displayRangeEnd, urls };
  } catch (e) {
    return { error: String(e.message || e) };
  }
};
const wellFormed = (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const cases = [];
const disagreements = [];
for (const { family, text } of texts) {
  const expected = answer(twttr, text);
  const fromBundle = answer(bundle, text);
  if (JSON.stringify(expected) !== JSON.stringify(fromBundle)) disagreements.push({ text, expected, fromBundle });
  const entry = wellFormed(text) ? { text } : { utf16: Buffer.from(text, 'utf16le').toString('base64') };
  cases.push({ family, ...entry, ...expected });
}
if (disagreements.length > 0) {
  console.error(`the browser bundle disagrees with npm twitter-text on ${disagreements.length} texts, first:`, JSON.stringify(disagreements.slice(0, 3)));
  process.exit(1);
}
const target = path.join(root, 'tests', 'PoliceFeeds.UnitTests', 'Data', 'twitter-text', 'differential.json');
const output = { generator: 'eng/js-libs/generate-count-cases.js', twitterText: require('twitter-text/package.json').version, seed, cases };
fs.writeFileSync(target, JSON.stringify(output, null, 0).replace(/\},\{/g, '},\n{') + '\n');
const errors = cases.filter((c) => c.error).length;
const familySizes = new Map();
for (const c of cases) familySizes.set(c.family, (familySizes.get(c.family) || 0) + 1);
const perFamily = [...familySizes].map(([f, n]) => `${f} ${n}`).join(', ');
console.log(`wrote ${cases.length} cases (${perFamily}; ${errors} where twitter-text throws) to ${path.relative(root, target)}`);
