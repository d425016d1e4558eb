/**
 * The incidents Lockstep can simulate. Adding one is adding a module here;
 * the engine, the runner and the views stay as they are.
 */
import { mod11658 } from './mod-11658';

export const INCIDENTS = { 'mod-11658': mod11658 } as const;
export type IncidentId = keyof typeof INCIDENTS;
