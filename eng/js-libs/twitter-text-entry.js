// Exposes the official twitter-text package as the global `twttr.txt`, as its historical browser build did.
module.exports = { txt: require('twitter-text') };
