// Times twitter-text 3.1.0's parseTweet on the texts of a JSON file (an array of strings) and prints the median time
// per text in milliseconds, as a JSON array. Run by `dotnet run -c Release --project bench/PoliceFeeds.Bench -- text`.
'use strict';
const fs = require('fs');
const Module = require('module');

// The browser's bundle uses twitter-text's declared punycode 1.4.1, not Node's built-in one.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'punycode' ? 'punycode/' : request, ...rest);
};
const twttr = require('twitter-text');
const texts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const medians = texts.map((text) => {
  const iterations = text.length <= 280 ? 200 : 3;
  twttr.parseTweet(text);
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    twttr.parseTweet(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.ceil(times.length / 2) - 1];
});
console.log(JSON.stringify(medians));
