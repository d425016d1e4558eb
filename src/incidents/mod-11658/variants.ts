/**
 * The model variants a user can run. Each is a change to the machines
 * (a `MainVariant` of plans), with where it comes from and what it changes.
 */
import type { MainVariant } from '../../machines/mod-11658/plan';
import type { UvOptions } from '../../machines/mod-11658/searchUv';
import { fixedVariant } from '../../machines/mod-11658/variants/fixed';
import { prefixVariant } from '../../machines/mod-11658/variants/prefix';
import { triggerFirstVariant } from '../../machines/mod-11658/variants/triggerFirst';
import { barrierTimeoutVariant } from '../../machines/mod-11658/variants/barrierTimeout';
import { unlockGilVariant } from '../../machines/mod-11658/variants/unlockGil';
import { DRAIN_TIMEOUT_MS, drainConnectionsVariant } from '../../machines/mod-11658/variants/drainConnections';

export interface VariantModel {
  main: MainVariant;
  uv: UvOptions;
}

const PLAIN_UV: UvOptions = { drainOnShrink: false, drainTimeoutMs: DRAIN_TIMEOUT_MS };

export const VARIANTS: Record<string, VariantModel> = {
  prefix: { main: prefixVariant, uv: PLAIN_UV },
  fixed: { main: fixedVariant, uv: PLAIN_UV },
  'trigger-first': { main: triggerFirstVariant, uv: PLAIN_UV },
  'drain-connections': { main: drainConnectionsVariant, uv: { drainOnShrink: true, drainTimeoutMs: DRAIN_TIMEOUT_MS } },
  'barrier-timeout': { main: barrierTimeoutVariant, uv: PLAIN_UV },
  'unlock-gil': { main: unlockGilVariant, uv: PLAIN_UV },
};

export { VARIANT_INFO } from './variantInfo';
