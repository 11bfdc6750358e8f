// Exchange files as others see them: the panel of the Data section.
export { default as ExchangePanel } from './ExchangePanel.svelte';
