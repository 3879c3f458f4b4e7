import 'community-widgets/community.js';
import 'community-widgets/rating.js';
import { createApp } from 'vue';
import App from './App.vue';
import { startMocks } from './mocks.js';

await startMocks();
createApp(App).mount('#root');
