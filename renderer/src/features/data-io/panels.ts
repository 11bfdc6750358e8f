// Panels of the Data section (#/data/<panel>): backup and restore, exchange files, spreadsheet
// import, OC4IDS. Each feature appends its panel here.
import type { Component } from 'svelte';
import type { MessageKey } from '../../i18n/i18n.svelte';
import { ExchangePanel } from '../exchange';
import SheetImportPanel from './SheetImportPanel.svelte';
import Oc4idsPanel from './Oc4idsPanel.svelte';
import PortfolioExportsPanel from './PortfolioExportsPanel.svelte';
import { BackupPanel } from '../backup';

export interface DataPanel {
  id: string;
  label: MessageKey;
  component: Component<{ query: Record<string, string> }>;
}

export const dataPanels: DataPanel[] = [
  { id: 'exchange', label: 'exchange.panel', component: ExchangePanel },
  { id: 'import', label: 'dataio.panels.import', component: SheetImportPanel },
  { id: 'oc4ids', label: 'dataio.panels.oc4ids', component: Oc4idsPanel },
  { id: 'exports', label: 'dataio.panels.exports', component: PortfolioExportsPanel },
  { id: 'backup', label: 'backup.panel', component: BackupPanel },
];
