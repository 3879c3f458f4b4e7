// `npm start`'s view of the server's log: pino writes one JSON object per line, which is
// right for production's collectors and hard to read in a terminal. In dev each request
// becomes one line ("12:04:05 GET /api/ratings?subjects=sku-001 200 3 ms") and every other
// entry its message with its fields.

const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
// Fields every entry has, or that the request line already shows.
const COMMON = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res']);

const clock = (time) => new Date(time).toTimeString().slice(0, 8);

/**
 * A formatter of the server's stdout lines, with the requests it has seen start. Returns the
 * line to print, or null for nothing (a request's start is printed with its end).
 */
export function devLog() {
  const started = new Map();
  return (line) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return line;
    }
    if (typeof entry !== 'object' || entry === null || !('msg' in entry)) return line;
    const time = clock(entry.time ?? Date.now());
    if (entry.msg === 'incoming request' && entry.req) {
      started.set(entry.reqId, entry.req);
      return null;
    }
    if (entry.msg === 'request completed' && entry.res) {
      const req = started.get(entry.reqId) ?? {};
      started.delete(entry.reqId);
      const ms = Math.round(entry.responseTime ?? 0);
      return `${time} ${req.method ?? '?'} ${req.url ?? '?'} ${entry.res.statusCode} ${ms} ms`;
    }
    const level = LEVELS[entry.level] ?? entry.level;
    const fields = Object.entries(entry)
      .filter(([key]) => !COMMON.has(key) && key !== 'responseTime')
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    return [time, level === 'info' ? '' : level.toUpperCase(), entry.msg, ...fields]
      .filter(Boolean)
      .join(' ');
  };
}

/** The server's "ready" entry names the address it listens on; undefined for other lines. */
export function readyAddress(line) {
  return /community-widgets server ready at (http[^"\s]+)/.exec(line)?.[1];
}
