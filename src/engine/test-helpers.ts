/**
 * A toy incident for the engine's own tests: the parts every toy leaves
 * inert (no shared record, no offers, no wait-for edges), with the machines,
 * actors and variants a test gives it.
 */
import type { Incident, MachineKind, WorldView } from './types';

export function toyIncident<C>(
  toy: Pick<Incident<C, object>, 'title' | 'initialActors'> & {
    variants: readonly string[];
    machineKinds: (variant: string) => Record<string, MachineKind>;
  } & Partial<Omit<Incident<C, object>, 'variants' | 'machineKinds'>>,
): Incident<C, object> {
  const { variants, ...rest } = toy;
  return {
    id: 'toy',
    initialShared: () => ({}),
    duration: () => 1,
    offers: () => {},
    interpret: () => false,
    waitFor: () => [],
    explain: (cycle) => `${cycle.join(' -> ')} is stuck.`,
    stack: (w: WorldView<object>, actor) => {
      const m = w.meta(actor);
      return m ? [m.fn, ...(m.stack ?? [])] : [];
    },
    lockOwner: () => undefined,
    ...rest,
    variants: variants.map((id) => ({ id, title: id, description: id, source: '', changes: '' })),
  };
}
