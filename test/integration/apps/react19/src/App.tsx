import type {} from 'community-widgets/jsx-react';
import { CwCommunity, CwRating } from 'community-widgets/react';
import { useEffect, useState } from 'react';

/**
 * Rendered by the server (src/server.tsx) and hydrated (src/client.tsx). The wrappers carry
 * handlers and function properties through hydration; the direct tags are rendered on the
 * client only, where React 19 sets them itself.
 */
export function App({ getToken }: { getToken: () => Promise<string> }) {
  const [events, setEvents] = useState<string[]>([]);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const record = (source: string, subject: string | null, value: number | null) =>
    setEvents((list) => [...list, `${source} ${subject} ${value}`]);
  return (
    <CwCommunity api="/api" getToken={getToken}>
      <CwRating
        id="wrapped"
        subject="sku-2"
        label="Mug"
        distribution
        onCwRate={(event) => record('wrapped', event.detail.subject, event.detail.value)}
      />
      {hydrated && (
        // getToken is a function: React 19 sets it as a property, not an attribute.
        <cw-community api="/api" getToken={getToken}>
          <cw-rating
            id="direct"
            subject="sku-1"
            label="Kettle"
            distribution
            oncw-rate={(event) => record('direct', event.detail.subject, event.detail.value)}
          />
        </cw-community>
      )}
      <output id="events">{events.join('|')}</output>
    </CwCommunity>
  );
}
