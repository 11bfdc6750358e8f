// Benchmark sections; each feature adds its own. A section starts on the bench page with an empty database.
import type { Page } from 'playwright-core';
import { projectsBench } from './projects';
import { exchangeBench } from './exchange';
import { backupBench } from './backup';
import { dataioBench } from './dataio';
import { contractsBench } from './contracts';
import { portfolioBench } from './portfolio';
import { trailBench } from './trail';
import { syncBench } from './sync';
import { outlookBench } from './outlook';

export interface BenchContext {
  page: Page;
  /** Base URL of the built app; `${url}index.html#/projects` opens the register. */
  url: string;
  log: (label: string, value: string) => void;
  /** True when the database was left as an earlier run in the kept profile left it (see reusesFixture). */
  kept: boolean;
}

export interface BenchSection {
  id: string;
  title: string;
  /**
   * The section can find its fixture already stored, from an earlier run in a kept profile
   * (BENCH_PROFILE): the runner then leaves the database as it is and the section checks what it finds.
   */
  reusesFixture?: boolean;
  run(ctx: BenchContext): Promise<void>;
}

export const benchSections: BenchSection[] = [projectsBench, backupBench, exchangeBench, dataioBench, contractsBench, portfolioBench, trailBench, syncBench, outlookBench];
