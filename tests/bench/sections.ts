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
}

export interface BenchSection {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<void>;
}

export const benchSections: BenchSection[] = [projectsBench, backupBench, exchangeBench, dataioBench, contractsBench, portfolioBench, trailBench, syncBench, outlookBench];
