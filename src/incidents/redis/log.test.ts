import { describe, expect, it } from 'vitest';
import { formatLogLine, visibleAt } from './log';
import { CLOCKS } from '../mod-11658/config';

describe("Redis's log line", () => {
  it("matches the seeds' regression-test log, to the millisecond", () => {
    const line = formatLogLine(CLOCKS['regression-test'], {
      t: 5010,
      step: 0,
      level: 'warning',
      message: 'FT.CONFIG is deprecated, please use CONFIG SET search-workers instead',
      by: 'main',
    });
    expect(line).toBe(
      '3650813:M 21 Oct 2025 12:37:51.010 # <search> FT.CONFIG is deprecated, please use CONFIG SET search-workers instead',
    );
  });

  it('uses the level characters . - * # and the production date', () => {
    const at = (level: 'debug' | 'verbose' | 'notice' | 'warning') =>
      formatLogLine(CLOCKS.production, { t: 726.4, step: 0, level, message: 'x', by: 'main' });
    expect([at('debug'), at('verbose'), at('notice'), at('warning')]).toEqual([
      '3650813:M 30 Sep 2025 09:17:03.726 . <search> x',
      '3650813:M 30 Sep 2025 09:17:03.726 - <search> x',
      '3650813:M 30 Sep 2025 09:17:03.726 * <search> x',
      '3650813:M 30 Sep 2025 09:17:03.726 # <search> x',
    ]);
  });

  it('prints a line at its level or above', () => {
    expect(visibleAt('notice', 'verbose')).toBe(false);
    expect(visibleAt('notice', 'warning')).toBe(true);
    expect(visibleAt('verbose', 'verbose')).toBe(true);
  });
});
