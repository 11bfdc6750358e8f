// The portfolio, or a selection of it, as an OC4IDS project package (domain/interchange/oc4ids-export.ts),
// read from the database by index: the selected projects and only what hangs off them.
import Dexie from 'dexie';
import { toOc4idsPackage, type Oc4idsPackage } from '../../../domain/interchange/oc4ids';
import type { Project } from '../../../domain/core/types';
import type { WorkbenchDb } from '../../db';
import { getSetting, setSetting } from '../../settings';

export interface Oc4idsPublisherSettings {
  /** Who publishes: usually the office (市大数据管理局). */
  publisher: string;
  /** Absolute URI under which the office publishes its data (https:…, urn:…). */
  uriBase: string;
  /** Registered OC4IDS project-id prefix, '' for the placeholder. */
  idPrefix: string;
}

const SETTINGS_KEY = 'oc4ids.publisher';
export const DEFAULT_URI_BASE = 'urn:smart-city-workbench';

export async function getOc4idsPublisher(db: WorkbenchDb, fallbackPublisher: string): Promise<Oc4idsPublisherSettings> {
  const saved = await getSetting<Oc4idsPublisherSettings>(db, SETTINGS_KEY);
  return { publisher: saved?.publisher || fallbackPublisher, uriBase: saved?.uriBase || DEFAULT_URI_BASE, idPrefix: saved?.idPrefix ?? '' };
}

export function saveOc4idsPublisher(db: WorkbenchDb, s: Oc4idsPublisherSettings): Promise<void> {
  return setSetting(db, SETTINGS_KEY, { publisher: s.publisher.trim(), uriBase: s.uriBase.trim(), idPrefix: s.idPrefix.trim() });
}

export interface Oc4idsExportOptions extends Oc4idsPublisherSettings {
  /** Projects to export; all live projects when absent. */
  projectIds?: readonly string[];
  /** ISO date-time of publication (default: now). */
  publishedDate?: string;
}

export async function exportOc4idsPackage(db: WorkbenchDb, opts: Oc4idsExportOptions): Promise<Oc4idsPackage> {
  return db.transaction('r', ['projects', 'organisations', 'contracts', 'amendments', 'obligations', 'payments', 'phaseTransitions'], async () => {
    const projects: Project[] = opts.projectIds
      ? (await db.projects.bulkGet([...opts.projectIds])).filter((p): p is Project => !!p && !p.deleted)
      : await db.projects.where('[deleted+name]').between([0, Dexie.minKey], [0, Dexie.maxKey]).toArray();
    const projectIds = projects.map((p) => p.id);
    const contracts = await db.contracts.where('projectId').anyOf(projectIds).toArray();
    const contractIds = contracts.map((c) => c.id);
    const [organisations, amendments, obligations, payments, transitions] = await Promise.all([
      db.organisations.toArray(),
      db.amendments.where('contractId').anyOf(contractIds).toArray(),
      db.obligations.where('contractId').anyOf(contractIds).toArray(),
      db.payments.where('contractId').anyOf(contractIds).toArray(),
      db.phaseTransitions.where('projectId').anyOf(projectIds).toArray(),
    ]);
    return toOc4idsPackage({
      projects,
      organisations,
      contracts,
      amendments,
      obligations,
      payments,
      transitions,
      publisher: { name: opts.publisher },
      publishedDate: opts.publishedDate ?? new Date().toISOString(),
      uriBase: opts.uriBase,
      idPrefix: opts.idPrefix || undefined,
    });
  });
}
