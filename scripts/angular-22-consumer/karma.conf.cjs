// Headless Chromium as root (see ../../shared/TOOLCHAIN.md in the workspace); CHROME_BIN is set by
// check-angular-22.mjs.
module.exports = function (config) {
  config.set({
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: { jasmine: { random: true } },
    reporters: ['dots'],
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    },
    // Loopback only; Karma moves to the next port when 9876 is taken.
    listenAddress: '127.0.0.1',
    hostname: '127.0.0.1',
    browserNoActivityTimeout: 120000,
    captureTimeout: 120000,
    singleRun: true,
  });
};
