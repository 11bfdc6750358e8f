// One typed catalogue assembled from per-area modules, so areas can grow independently.
import * as common from './messages/common';
import * as enums from './messages/enums';
import * as projects from './messages/projects';
import * as lifecycle from './messages/lifecycle';
import * as settings from './messages/settings';
import * as organisations from './messages/organisations';
import * as exchange from './messages/exchange';
import * as reviews from './messages/reviews';
import * as dataio from './messages/dataio';
import * as audits from './messages/audits';
import * as report from './messages/report';
import * as backup from './messages/backup';
import * as contracts from './messages/contracts';
import * as dashboard from './messages/dashboard';
import * as portfolio from './messages/portfolio';
import * as trail from './messages/trail';
import * as sync from './messages/sync';
import * as fiscal from './messages/fiscal';
import type { LeafPaths, Shape } from './shape';

export const zhCN = {
  common: common.zh,
  enums: enums.zh,
  projects: projects.zh,
  lifecycle: lifecycle.zh,
  settings: settings.zh,
  organisations: organisations.zh,
  exchange: exchange.zh,
  reviews: reviews.zh,
  dataio: dataio.zh,
  audits: audits.zh,
  report: report.zh,
  backup: backup.zh,
  contracts: contracts.zh,
  dashboard: dashboard.zh,
  portfolio: portfolio.zh,
  trail: trail.zh,
  sync: sync.zh,
  fiscal: fiscal.zh,
};

export const enGB: Shape<typeof zhCN> = {
  common: common.en,
  enums: enums.en,
  projects: projects.en,
  lifecycle: lifecycle.en,
  settings: settings.en,
  organisations: organisations.en,
  exchange: exchange.en,
  reviews: reviews.en,
  dataio: dataio.en,
  audits: audits.en,
  report: report.en,
  backup: backup.en,
  contracts: contracts.en,
  dashboard: dashboard.en,
  portfolio: portfolio.en,
  trail: trail.en,
  sync: sync.en,
  fiscal: fiscal.en,
};

export type Catalogue = typeof zhCN;
export type MessageKey = LeafPaths<Catalogue>;

/** The catalogue a locale reads (zh-CN, else English). */
export function catalogueOf(locale: string): Shape<Catalogue> {
  return locale === 'zh-CN' ? zhCN : enGB;
}

export function lookup(catalogue: Shape<Catalogue>, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof node === 'string' ? node : undefined;
}
