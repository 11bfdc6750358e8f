// Contracts and payments as others see them: the section, the tab a project's workspace shows, the
// rebuilding of stale ledgers a screen reading them needs, and the signed percentages (indexation)
// as typed and shown.
export { default as ContractsSection } from './ContractsSection.svelte';
export { default as ContractsTab } from './ContractsTab.svelte';
export { signedBpText, signedPercentToBp } from './contract-text';
export { staleLedgerRebuilder } from './stale-ledgers';
