// Headless Chromium as root (see ../../shared/TOOLCHAIN.md in the workspace); CHROME_BIN is set by
// check-angular-22.mjs, which also copies the workspace's chromium-flags.cjs next to this file.
module.exports = function (config) {
  config.set({
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: { jasmine: { random: true, failSpecWithNoExpectations: true } },
    reporters: ['dots'],
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: require('./chromium-flags.cjs'),
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
