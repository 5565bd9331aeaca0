// Mocha's spec reporter, plus one JSON line of counts per run appended to $GS_TEST_RESULTS,
// so that scripts/test.mjs can print totals over every test layer.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.GS_TEST_RESULTS;
      if (!file) return;
      const stats = runner.stats || {};
      const line = {
        layer: process.env.GS_TEST_LAYER || 'unknown',
        passed: stats.passes || 0,
        failed: stats.failures || 0,
        skipped: stats.pending || 0,
      };
      fs.appendFileSync(file, JSON.stringify(line) + '\n');
    });
  }
}

module.exports = CountingReporter;
