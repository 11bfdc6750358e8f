// The audit trail as others see it: the desk's keys and the trail check, which Settings shows.
export { default as DeskPanel } from './DeskPanel.svelte';
export { default as TrailCheckPanel } from './TrailCheckPanel.svelte';
