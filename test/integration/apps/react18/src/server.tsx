import { renderToString } from 'react-dom/server';
import { App } from './App.js';

/** The page's HTML as a server renders it: no token there, the browser's getToken signs in. */
export function render(): string {
  return renderToString(<App getToken={async () => ''} />);
}
