// The shape of a demo step, apart from the list of steps, so each step and the loader that runs them
// depend on it rather than on each other.
import type { Organisation, Project } from '../../domain/core/types';
import type { Rng } from '../../domain/core/random';
import type { Writer } from '../repo';

/** What earlier steps created, for later steps to refer to. */
export interface DemoContext {
  rng: Rng;
  orgId: (key: string) => string;
  projects: Project[];
  projectByCode: Map<string, Project>;
  organisations: Organisation[];
}

export type DemoStep = (w: Writer, ctx: DemoContext) => Promise<void>;
