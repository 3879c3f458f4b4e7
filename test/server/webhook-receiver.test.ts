/**
 * examples/webhook-receiver.mjs, as a host runs it: a signed delivery becomes one email over
 * SMTP (a real SMTP dialogue with a small server here), a tampered one is refused and mails
 * nothing, and a delivery seen twice (at-least-once) mails once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { signedHeaders } from '../../server/webhooks/signature.js';
import { testSecret } from '../support/webhook-receiver.js';
import { ROOT } from './helpers.js';

/** A minimal SMTP server that keeps each message it is given. */
async function startSmtp() {
  const messages: Array<{ from: string; to: string; data: string }> = [];
  const waiters = new Set<() => void>();
  const server = createServer((socket: Socket) => {
    let buffer = '';
    let message = { from: '', to: '', data: '' };
    let inData = false;
    socket.setEncoding('utf8');
    socket.write('220 test SMTP ready\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(message);
            message = { from: '', to: '', data: '' };
            socket.write('250 queued\r\n');
            for (const waiter of waiters) waiter();
          } else {
            message.data += `${line.replace(/^\.\./, '.')}\n`;
          }
        } else if (/^EHLO/i.test(line)) socket.write('250-test\r\n250 OK\r\n');
        else if (/^MAIL FROM:/i.test(line)) {
          message.from = line.slice(10);
          socket.write('250 OK\r\n');
        } else if (/^RCPT TO:/i.test(line)) {
          message.to = line.slice(8);
          socket.write('250 OK\r\n');
        } else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('500 what?\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    until: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (messages.length < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the example webhook receiver', () => {
  const secret = testSecret();
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let url: string;
  let stop: () => Promise<void>;

  before(async () => {
    smtp = await startSmtp();
    const child = spawn(process.execPath, ['examples/webhook-receiver.mjs'], {
      cwd: ROOT,
      env: {
        ...process.env,
        WEBHOOK_SECRET: secret,
        PORT: '0',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        MAIL_FROM: 'community@shop.test',
        MAIL_TO: 'team@shop.test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    stop = async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    };
  });
  after(async () => {
    await stop();
    await smtp.close();
  });

  const envelope = {
    id: 'ev_mail1',
    type: 'answer.posted',
    occurredAt: new Date().toISOString(),
    actor: { id: 'u-helper' },
    place: 'subject:sku-1',
    data: { questionTitle: 'Does it fold?', answerId: 'a_1' },
  };
  const deliver = (body: string, headersOf = body) =>
    fetch(url, {
      method: 'POST',
      headers: signedHeaders(secret, envelope.id, headersOf, new Date()),
      body,
    });

  it('mails a verified delivery once, however often it arrives', async () => {
    const body = JSON.stringify(envelope);
    assert.equal((await deliver(body)).status, 204);
    await smtp.until(1);
    assert.equal((await deliver(body)).status, 204);
    assert.equal(smtp.messages.length, 1);
    const [mail] = smtp.messages;
    assert.equal(mail!.from, '<community@shop.test>');
    assert.equal(mail!.to, '<team@shop.test>');
    assert.match(mail!.data, /^Subject: \[community\] answer\.posted: Does it fold\?$/m);
    assert.match(mail!.data, /answer\.posted by u-helper/);
  });

  it('refuses a tampered body and mails nothing', async () => {
    const signed = JSON.stringify({ ...envelope, id: 'ev_mail2' });
    const tampered = signed.replace('Does it fold?', 'Does it fly?');
    const before = smtp.messages.length;
    assert.equal((await deliver(tampered, signed)).status, 400);
    assert.equal(smtp.messages.length, before);
  });
});
