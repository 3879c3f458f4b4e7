import { CwCommunity, CwRating } from 'community-widgets/react';
import { useState } from 'react';

/** Rendered by the server (src/server.tsx) and hydrated in the browser (src/client.tsx). */
export function App({ getToken }: { getToken: () => Promise<string> }) {
  const [events, setEvents] = useState<string[]>([]);
  return (
    <CwCommunity api="/api" getToken={getToken}>
      <CwRating
        id="wrapped"
        subject="sku-1"
        label="Kettle"
        distribution
        onCwRate={(event) =>
          setEvents((list) => [...list, `wrapped ${event.detail.subject} ${event.detail.value}`])
        }
      />
      <output id="events">{events.join('|')}</output>
    </CwCommunity>
  );
}
