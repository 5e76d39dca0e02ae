// The lexicon limits the server-side rules rely on, as the installed @atproto/api declares them (printed as JSON, read
// by BlueskyLexiconLimitsTests so that a new lexicon version cannot change a limit unseen).
import { lexicons } from '@atproto/api';

const post = lexicons.getDefOrThrow('app.bsky.feed.post');
const images = lexicons.getDefOrThrow('app.bsky.embed.images');
const image = lexicons.getDefOrThrow('app.bsky.embed.images#image');
console.log(JSON.stringify({
  postMaxGraphemes: post.record.properties.text.maxGraphemes,
  postMaxLength: post.record.properties.text.maxLength,
  postMaxLangs: post.record.properties.langs.maxLength,
  maxImages: images.properties.images.maxLength,
  imageMaxSize: image.properties.image.maxSize,
  imageAccept: image.properties.image.accept,
}));
