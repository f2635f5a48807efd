import type { Reporter, TestModule } from 'vitest/node';
import { INSTALL_CHROMIUM_HINT, browserRequired, findChromium } from './chromium.js';

/**
 * Prints CI's last line, `tests: N passed, N failed`, so a run that executed nothing shows. A test
 * file that failed to load, or whose hooks failed, counts as one failed test even when none of its
 * tests ran or failed on their own, so the line never says `0 failed` when the run failed.
 * Skipped tests are counted after the failures when there are any (e.g. the browser tests without
 * Chromium), with one line saying why above it.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly unknown[]): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    let browserSkipped = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else if (state === 'skipped') {
          skipped++;
          if (module.moduleId.includes('/test/server/browser/')) browserSkipped++;
        }
      }
      failed += failedHere;
      if (failedHere === 0 && (module.state() === 'failed' || module.errors().length > 0)) failed++;
    }
    if (browserSkipped > 0 && !findChromium() && !browserRequired()) {
      process.stdout.write(
        `\n${browserSkipped} browser tests skipped: no Chromium found; ${INSTALL_CHROMIUM_HINT}\n`,
      );
    }
    const skippedPart = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skippedPart}\n`);
  }
}
