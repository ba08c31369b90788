// Karma for every project in the workspace: headless Chromium, one run, progress to the console.
// The browser comes from CHROME_BIN (scripts/test.mjs sets it to Debian's /usr/bin/chromium when
// it finds one). Running as root needs --no-sandbox; see ../shared/TOOLCHAIN.md.
// Specs run in random order; the seed is printed so that an order-dependent failure can be
// replayed with JASMINE_SEED=<seed>.
const seed = process.env.JASMINE_SEED || String(Math.floor(Math.random() * 100000));
console.log(`[karma] jasmine seed ${seed} (JASMINE_SEED=${seed} to replay this order)`);

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: {
      jasmine: { random: true, seed, failSpecWithNoExpectations: true, timeoutInterval: 10000 },
      clearContext: false,
    },
    reporters: ['dots'],
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: require('./chromium-flags.cjs'),
      },
    },
    browserNoActivityTimeout: 120000,
    captureTimeout: 120000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
