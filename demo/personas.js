// Demo only: lets a visitor act as one of the seeded personas. It asks the reference
// server's dev mode (POST /api/dev/token, on with `npm start`) for a short-lived token and
// hands it to every <cw-community> on the page. A real site's own backend signs tokens.
const STORAGE_KEY = 'cw-demo-persona';
const TOKEN_ENDPOINT = '/api/dev/token';
/** Refresh this long before the token expires so a rating never goes out with a dead token. */
const REFRESH_MARGIN_MS = 60_000;

const host = document.getElementById('persona-switcher');
let currentToken = null;
let currentPersona = '';
let refreshTimer;

function applyToken(token) {
  currentToken = token;
  for (const community of document.querySelectorAll('cw-community')) {
    if (token) community.setAttribute('token', token);
    else community.removeAttribute('token');
    if (community.getToken !== provideToken) community.getToken = provideToken;
  }
}

/**
 * Widgets call this for every request, and once with `refresh` after a 401 (say the server
 * restarted with a new dev secret): minting a new token then keeps the visitor's rating.
 * One stable function, because a new one would tell the widgets the viewer changed.
 */
async function provideToken({ refresh }) {
  if (refresh && currentPersona) return (await mint(currentPersona)).token;
  return currentToken;
}

async function mint(persona) {
  const response = await fetch(TOKEN_ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(
      response.status === 404
        ? 'Dev personas are off on this server (start it with CW_DEV_PERSONAS=1).'
        : problem.detail || `The server answered ${response.status}.`,
    );
  }
  const minted = await response.json();
  currentToken = minted.token;
  return minted;
}

function showStatus(status, text) {
  status.textContent = text;
}

async function choose(persona, status) {
  clearTimeout(refreshTimer);
  localStorage.setItem(STORAGE_KEY, persona);
  currentPersona = persona;
  if (!persona) {
    applyToken(null);
    showStatus(status, 'Reading anonymously: sign in as a persona to rate.');
    return;
  }
  try {
    const { token, expiresAt, viewer } = await mint(persona);
    applyToken(token);
    showStatus(status, `Signed in as ${viewer.name}.`);
    const refreshIn = Math.max(5_000, Date.parse(expiresAt) - Date.now() - REFRESH_MARGIN_MS);
    refreshTimer = setTimeout(() => choose(persona, status), refreshIn);
  } catch (error) {
    applyToken(null);
    showStatus(status, `Could not sign in: ${error.message}`);
  }
}

const select = document.getElementById('persona-select');
const status = document.getElementById('persona-status');
if (host) {
  const saved = localStorage.getItem(STORAGE_KEY);
  select.value = [...select.options].some((option) => option.value === saved) ? saved : 'customer';
  select.addEventListener('change', () => choose(select.value, status));

  // Communities added after load (a page that renders late) get the current token too.
  new MutationObserver(() => applyToken(currentToken)).observe(document.body, {
    childList: true,
    subtree: true,
  });
  choose(select.value, status);
}
