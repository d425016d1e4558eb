/**
 * The model variants a user can run. Each is a change to the machines
 * (a `MainVariant` of plans), with where it comes from and what it changes.
 */
import type { MainVariant } from '../../machines/mod-11658/plan';
import type { UvOptions } from '../../machines/mod-11658/searchUv';
import { fixedVariant } from '../../machines/mod-11658/variants/fixed';
import { prefixVariant } from '../../machines/mod-11658/variants/prefix';
import { triggerFirstVariant } from '../../machines/mod-11658/variants/triggerFirst';
import { BARRIER_TIMEOUT_MS, barrierTimeoutVariant } from '../../machines/mod-11658/variants/barrierTimeout';
import { unlockGilVariant } from '../../machines/mod-11658/variants/unlockGil';
import { DRAIN_TIMEOUT_MS, drainConnectionsVariant } from '../../machines/mod-11658/variants/drainConnections';

export interface VariantModel {
  main: MainVariant;
  uv: UvOptions;
  /** How long after a command its outcome can still change (a timeout that ends a wait), ms. */
  settleMs: number;
}

const PLAIN_UV: UvOptions = { drainOnShrink: false, drainTimeoutMs: DRAIN_TIMEOUT_MS };

export const VARIANTS: Record<string, VariantModel> = {
  prefix: { main: prefixVariant, uv: PLAIN_UV, settleMs: 0 },
  fixed: { main: fixedVariant, uv: PLAIN_UV, settleMs: 0 },
  'trigger-first': { main: triggerFirstVariant, uv: PLAIN_UV, settleMs: 0 },
  'drain-connections': {
    main: drainConnectionsVariant,
    uv: { drainOnShrink: true, drainTimeoutMs: DRAIN_TIMEOUT_MS },
    settleMs: DRAIN_TIMEOUT_MS,
  },
  'barrier-timeout': { main: barrierTimeoutVariant, uv: PLAIN_UV, settleMs: BARRIER_TIMEOUT_MS },
  'unlock-gil': { main: unlockGilVariant, uv: PLAIN_UV, settleMs: 0 },
};

export { VARIANT_INFO } from './variantInfo';
