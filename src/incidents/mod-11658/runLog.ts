/**
 * The run's Redis log as lines, for the page and the report alike. A crash
 * report's INFO and CLIENT LIST sections are written by Redis from its own
 * state at that moment: they are filled in here from the run, by the same
 * code as the evidence views, so the two never disagree.
 */
import type { Simulation } from '../../engine/simulation';
import type { LogLine } from '../module';
import { CLOCKS, type Mod11658Config } from './config';
import type { Mod11658Shared } from './index';
import { formatLogLine } from '../redis/log';
import { CLIENT_LIST_HEADER, INFO_HEADER } from '../redis/crashReport';
import { clientList, infoLines } from './evidence';

type Sim = Simulation<Mod11658Config, Mod11658Shared>;

export function runLog(sim: Sim): LogLine[] {
  const clock = CLOCKS[sim.inputs.config.clock];
  const out: LogLine[] = [];
  for (const r of sim.trace.log) {
    const line = { t: r.t, step: r.step, level: r.level };
    out.push({ ...line, line: formatLogLine(clock, r) });
    if (!r.raw) continue;
    const section =
      r.message === INFO_HEADER ? infoLines(sim) : r.message === CLIENT_LIST_HEADER ? clientList(sim) : [];
    for (const l of section) out.push({ ...line, line: l });
  }
  return out;
}
