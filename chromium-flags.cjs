// The flags every headless Chromium of this workspace starts with (Karma, the end-to-end suite,
// the benchmark, the Angular 22 check). Debian's Chromium as root refuses to start without
// --no-sandbox; the background-networking flags stop it calling Google's hosts, which this
// machine's closed network refuses many times a second. CommonJS so karma.conf.js can require it.
module.exports = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
