// Workspace tabs contributed by other features (contracts, payments, reviews, audits). Each feature
// appends its tab here, so the workspace does not need to know them. The order follows the main
// navigation (contracts, reviews, audits) so a tab sits where the officer already looks for it.
import type { Component } from 'svelte';
import type { Project } from '../../domain/core/types';
import { t } from '../../i18n/i18n.svelte';
import { ProjectAuditsTab } from '../audits';
import { ReviewsTab } from '../reviews';
import { ReportView } from '../reports';
import { ContractsTab } from '../contracts';

export interface ProjectTab {
  id: string;
  label: () => string;
  component: Component<{ project: Project }>;
}

export const projectTabs: ProjectTab[] = [
  { id: 'contracts', label: () => t('contracts.tab'), component: ContractsTab },
  { id: 'reviews', label: () => t('reviews.tab'), component: ReviewsTab },
  { id: 'audits', label: () => t('audits.tab'), component: ProjectAuditsTab },
  { id: 'report', label: () => t('report.tab'), component: ReportView },
];
