// The app's top-level sections. Each feature adds its entry here; App.svelte renders the nav from
// this list and the section whose id matches the first part of the hash. Each section's code is
// loaded when it is first opened, so the first screen starts without parsing every other screen
// (the dashboard's charts, the reports' document writers) first.
import type { Component } from 'svelte';
import type { MessageKey } from '../i18n/i18n.svelte';
import type { SectionProps } from './section-props';

export interface Section {
  id: string;
  label: MessageKey;
  icon: string;
  /** The section's component, which receives the hash parts after the section id and the query string. */
  load: () => Promise<{ default: Component<SectionProps> }>;
  /** Shown in the side navigation (false for sections reached only by links). */
  nav: boolean;
  /** Nav group: work (daily screens), data (exchange, import, backup), admin. */
  group: 'work' | 'data' | 'admin';
}

export const sections: Section[] = [
  { id: 'dashboard', label: 'dashboard.nav', icon: '◈', load: () => import('../features/dashboard').then((m) => ({ default: m.Dashboard })), nav: true, group: 'work' },
  { id: 'projects', label: 'common.nav.projects', icon: '▦', load: () => import('../features/projects').then((m) => ({ default: m.ProjectsSection })), nav: true, group: 'work' },
  { id: 'contracts', label: 'contracts.nav', icon: '¥', load: () => import('../features/contracts').then((m) => ({ default: m.ContractsSection })), nav: true, group: 'work' },
  { id: 'outlook', label: 'fiscal.nav', icon: '▤', load: () => import('../features/outlook').then((m) => ({ default: m.OutlookSection })), nav: true, group: 'work' },
  { id: 'reviews', label: 'reviews.nav', icon: '◔', load: () => import('../features/reviews').then((m) => ({ default: m.ReviewsSection })), nav: true, group: 'work' },
  { id: 'audits', label: 'audits.nav', icon: '✓', load: () => import('../features/audits').then((m) => ({ default: m.AuditsSection })), nav: true, group: 'work' },
  { id: 'data', label: 'common.nav.data', icon: '⇅', load: () => import('../features/data-io').then((m) => m.loadDataSection()), nav: true, group: 'data' },
  { id: 'organisations', label: 'common.nav.organisations', icon: '◎', load: () => import('../features/organisations').then((m) => ({ default: m.OrganisationsPage })), nav: true, group: 'admin' },
  { id: 'settings', label: 'common.nav.settings', icon: '⚙', load: () => import('../features/settings').then((m) => ({ default: m.SettingsPage })), nav: true, group: 'admin' },
];
