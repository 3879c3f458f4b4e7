import type {} from 'community-widgets/jsx-react';
import 'community-widgets/community.js';
import 'community-widgets/rating.js';
import { CwRating } from 'community-widgets/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { startMocks, token } from './mocks.js';

function App() {
  const [events, setEvents] = useState<string[]>([]);
  const record = (source: string, subject: string | null, value: number | null) =>
    setEvents((list) => [...list, `${source} ${subject} ${value}`]);
  return (
    // getToken is a function: React 19 sets it as a property, not an attribute.
    <cw-community api="/api" getToken={async () => token}>
      <cw-rating
        id="direct"
        subject="sku-1"
        label="Kettle"
        distribution
        oncw-rate={(event) => record('direct', event.detail.subject, event.detail.value)}
      />
      <CwRating
        id="wrapped"
        subject="sku-2"
        label="Mug"
        distribution
        onCwRate={(event) => record('wrapped', event.detail.subject, event.detail.value)}
      />
      <output id="events">{events.join('|')}</output>
    </cw-community>
  );
}

await startMocks();
createRoot(document.getElementById('root')!).render(<App />);
