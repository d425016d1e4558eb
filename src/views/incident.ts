/** The incident the page shows, by its light face (lanes, kinds, clock, words). */
import { useApp } from '../store/appStore';
import { infoOf } from '../incidents/registry';
import type { IncidentInfo } from '../incidents/module';

export function useIncident(): IncidentInfo {
  return infoOf(useApp((s) => s.inputs.incident));
}

/** The same outside React (painters' callbacks, event handlers). */
export const currentIncident = (): IncidentInfo => infoOf(useApp.getState().inputs.incident);
