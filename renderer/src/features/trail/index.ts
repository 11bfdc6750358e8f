// The audit trail as others see it: the desk's keys and the trail check, which Settings shows, and
// the words for a trail problem, which the restore screen uses too.
export { default as DeskPanel } from './DeskPanel.svelte';
export { default as TrailCheckPanel } from './TrailCheckPanel.svelte';
export { trailProblemText } from './trail-text';
