// The package's Vue types: every public element as a global component with typed props and
// events, so strictTemplates checks <cw-rating> like any component.
import type {} from 'community-widgets/vue';
