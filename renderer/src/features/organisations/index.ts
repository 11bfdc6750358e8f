// The organisation directory, as the shell sees it.
export { default as OrganisationsPage } from './OrganisationsPage.svelte';
