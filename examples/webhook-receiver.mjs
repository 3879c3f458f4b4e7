// A small receiver for community-widgets webhooks (docs/webhooks.md), with no dependencies:
// it verifies each delivery's signature, ignores an event it has already handled (deliveries
// are at least once), and sends an email about it — over SMTP to SMTP_HOST when set, else
// it prints one line per delivery.
//
//   WEBHOOK_SECRET=whsec_… PORT=9000 node examples/webhook-receiver.mjs
//   … SMTP_HOST=127.0.0.1 SMTP_PORT=25 MAIL_FROM=community@shop.example MAIL_TO=team@shop.example
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { pathToFileURL } from 'node:url';

/** Deliveries older or newer than this are refused, so a captured one cannot be replayed later. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * The documented verification: HMAC-SHA256, keyed with the secret's base64 part, over
 * `<webhook-id>.<webhook-timestamp>.<raw body>`, compared in constant time with each `v1,`
 * signature of the header. Verify the raw body, before parsing it.
 */
export function verifyWebhook(secret, headers, rawBody, nowSeconds = Date.now() / 1000) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from(
    `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest('base64')}`,
  );
  return signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** What the email says about an event. */
function mailFor(event) {
  const who = event.actor ? event.actor.id : 'the community';
  const title =
    event.data.questionTitle ??
    event.data.ideaTitle ??
    event.data.title ??
    event.data.subject ??
    '';
  return {
    subject: `[community] ${event.type}${title ? `: ${title}` : ''}`,
    text: `${event.type} by ${who} at ${event.occurredAt}${event.place ? ` in ${event.place}` : ''}.\n\n${JSON.stringify(event.data, null, 2)}\n`,
  };
}

/** Sends one plain-text email over SMTP (no TLS, no auth: a relay on the host's network). */
export function sendMail({ host, port = 25, from, to, subject, text }) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => socket.destroy(new Error('the SMTP server stopped answering')));
    const body = `${text}`.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    const steps = [
      [220, null],
      [250, 'EHLO community-widgets'],
      [250, `MAIL FROM:<${from}>`],
      [250, `RCPT TO:<${to}>`],
      [354, 'DATA'],
      [
        250,
        `From: <${from}>\r\nTo: <${to}>\r\nSubject: ${subject.replace(/[\r\n]+/g, ' ')}\r\n` +
          `Content-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n.`,
      ],
      [221, 'QUIT'],
    ];
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk;
      // A reply ends with a line "NNN text"; "NNN-text" lines continue it.
      const lines = buffer.split('\r\n');
      buffer = lines.pop();
      for (const line of lines) {
        if (/^\d{3}-/.test(line)) continue;
        const [expected] = steps.shift();
        if (Number(line.slice(0, 3)) !== expected) {
          socket.destroy();
          reject(new Error(`SMTP answered "${line}" where ${expected} was expected`));
          return;
        }
        if (steps.length === 0) {
          socket.end();
          resolve();
          return;
        }
        socket.write(`${steps[0][1]}\r\n`);
      }
    });
    socket.on('error', reject);
  });
}

/** The receiver: 204 for a verified delivery (handled once), 400 for anything else. */
export function startReceiver({
  port = 0,
  host = '127.0.0.1',
  secret,
  smtp = null,
  log = console.log,
}) {
  const handled = new Set();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      if (request.method !== 'POST' || !verifyWebhook(secret, request.headers, rawBody)) {
        log(`refused a delivery whose signature does not verify`);
        response.writeHead(400).end();
        return;
      }
      const event = JSON.parse(rawBody);
      if (handled.has(event.id)) {
        response.writeHead(204).end();
        return;
      }
      try {
        const mail = mailFor(event);
        if (smtp) await sendMail({ ...smtp, ...mail });
        log(`${smtp ? 'mailed' : 'webhook'} ${event.type} ${event.id}: ${mail.subject}`);
        handled.add(event.id);
        response.writeHead(204).end();
      } catch (error) {
        // Not handled: a 5xx makes the server deliver it again later.
        log(`could not send the email for ${event.id}: ${error.message}`);
        response.writeHead(503).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(port, host, () => {
      log(`webhook receiver listening on http://${host}:${server.address().port}/`);
      resolve(server);
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  if (!env.WEBHOOK_SECRET) {
    console.error('Set WEBHOOK_SECRET to the endpoint secret of the server configuration.');
    process.exit(2);
  }
  const server = await startReceiver({
    port: Number(env.PORT ?? 9000),
    secret: env.WEBHOOK_SECRET,
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: Number(env.SMTP_PORT ?? 25),
          from: env.MAIL_FROM ?? 'community@localhost',
          to: env.MAIL_TO ?? 'team@localhost',
        }
      : null,
  });
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => server.close(() => process.exit(0)));
}
