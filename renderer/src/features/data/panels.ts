// Panels of the Data section (#/data/<panel>): backup and restore, exchange files, spreadsheet
// import, OC4IDS. Each feature appends its panel here.
import type { Component } from 'svelte';
import type { MessageKey } from '../../i18n/i18n.svelte';

export interface DataPanel {
  id: string;
  label: MessageKey;
  component: Component<{ query: Record<string, string> }>;
}

export const dataPanels: DataPanel[] = [];
