// The app's top-level sections. Each feature adds its entry here; App.svelte renders the nav from
// this list and the section whose id matches the first part of the hash.
import type { Component } from 'svelte';
import type { MessageKey } from '../i18n/i18n.svelte';
import type { SectionProps } from './section-props';
import ProjectsSection from '../features/projects/ProjectsSection.svelte';
import OrganisationsPage from '../features/organisations/OrganisationsPage.svelte';
import SettingsPage from '../features/settings/SettingsPage.svelte';
import DataSection from '../features/data-io/DataSection.svelte';
import AuditsSection from '../features/audits/AuditsSection.svelte';
import ReviewsSection from '../features/reviews/ReviewsSection.svelte';
import ContractsSection from '../features/contracts/ContractsSection.svelte';
import Dashboard from '../features/dashboard/Dashboard.svelte';

export interface Section {
  id: string;
  label: MessageKey;
  icon: string;
  /** Receives the hash parts after the section id and the query string. */
  component: Component<SectionProps>;
  /** Shown in the side navigation (false for sections reached only by links). */
  nav: boolean;
  /** Nav group: work (daily screens), data (exchange, import, backup), admin. */
  group: 'work' | 'data' | 'admin';
}

export const sections: Section[] = [
  { id: 'dashboard', label: 'dashboard.nav', icon: '◈', component: Dashboard, nav: true, group: 'work' },
  { id: 'projects', label: 'common.nav.projects', icon: '▦', component: ProjectsSection, nav: true, group: 'work' },
  { id: 'contracts', label: 'contracts.nav', icon: '¥', component: ContractsSection, nav: true, group: 'work' },
  { id: 'reviews', label: 'reviews.nav', icon: '◔', component: ReviewsSection, nav: true, group: 'work' },
  { id: 'audits', label: 'audits.nav', icon: '✓', component: AuditsSection, nav: true, group: 'work' },
  { id: 'data', label: 'common.nav.data', icon: '⇅', component: DataSection, nav: true, group: 'data' },
  { id: 'organisations', label: 'common.nav.organisations', icon: '◎', component: OrganisationsPage, nav: true, group: 'admin' },
  { id: 'settings', label: 'common.nav.settings', icon: '⚙', component: SettingsPage, nav: true, group: 'admin' },
];
