import { hydrateRoot } from 'react-dom/client';
import { App } from './App.js';
import { startMocks, token } from './mocks.js';

await startMocks();
hydrateRoot(document.getElementById('root')!, <App getToken={async () => token} />);
