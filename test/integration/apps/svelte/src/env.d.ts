// The package's Svelte types: every public element's props and `oncw-*` events, checked by
// svelte-check like any element.
import type {} from 'community-widgets/svelte';
