/**
 * Which RediSearch (and Redis) build a run models, for what it prints and
 * accepts: the log lines that exist only in some versions (incident model
 * §8.3) and `search-workers`, which 2.10 does not have (§8.1). The code
 * paths are the variant's; a build changes only words, never the hang.
 */
export interface ModuleBuild {
  label: string;
  /** `Changing workers threadpool size from %zu to %zu`: master only, since 3bd770ef0b (23 Oct 2025). */
  changingLog: boolean;
  /** `FT.CONFIG is deprecated, please use CONFIG SET search-workers instead`: 8.x only. */
  deprecationLog: boolean;
  /** `CONFIG SET/GET search-workers`: 8.x only; 2.10 has FT.CONFIG alone. */
  searchWorkersConfig: boolean;
  /** `REDIS_VERSION` in a crash report (unstable builds say 255.255.255). */
  redisVersion: string;
}

export type BuildId = 'master' | 'master-2025-10-21' | '2.10.20';

export const BUILDS: Record<BuildId, ModuleBuild> = {
  master: {
    label: 'master (pre-fix dede3e11de; the fixed variant 874ce6826d)',
    changingLog: true,
    deprecationLog: true,
    searchWorkersConfig: true,
    redisVersion: '255.255.255',
  },
  'master-2025-10-21': {
    label: 'master as of 21 Oct 2025 (the reproduction test; before the "Changing…" notice)',
    changingLog: false,
    deprecationLog: true,
    searchWorkersConfig: true,
    redisVersion: '255.255.255',
  },
  '2.10.20': {
    label: 'RediSearch 2.10.20 on Redis Enterprise (production)',
    changingLog: false,
    deprecationLog: false,
    searchWorkersConfig: false,
    redisVersion: '7.4.3',
  },
};

export const BUILD_IDS = Object.keys(BUILDS) as BuildId[];

export const buildOf = (id: string | undefined): ModuleBuild => BUILDS[(id ?? 'master') as BuildId] ?? BUILDS.master;
