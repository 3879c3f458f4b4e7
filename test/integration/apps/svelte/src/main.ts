import 'community-widgets/community.js';
import 'community-widgets/rating.js';
import { mount } from 'svelte';
import App from './App.svelte';
import { startMocks } from './mocks.js';

await startMocks();
mount(App, { target: document.getElementById('root')! });
