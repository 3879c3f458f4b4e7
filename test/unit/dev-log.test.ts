import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

// Plain JavaScript beside `npm start` (scripts/start.mjs); typed here by what the test uses.
const { devLog, readyAddress } = (await import('../../scripts/dev-log.mjs' as string)) as {
  devLog(): (line: string) => string | null;
  readyAddress(line: string): string | undefined;
};

const entry = (fields: Record<string, unknown>) =>
  JSON.stringify({
    level: 30,
    time: Date.parse('2026-11-30T12:04:05'),
    pid: 1,
    hostname: 'h',
    ...fields,
  });

describe("npm start's log in dev", () => {
  it('prints each request as one readable line, at its end', () => {
    const format = devLog();
    assert.equal(
      format(
        entry({
          reqId: 'req-1',
          req: { method: 'GET', url: '/api/ratings?subjects=a' },
          msg: 'incoming request',
        }),
      ),
      null,
    );
    const line = format(
      entry({
        reqId: 'req-1',
        res: { statusCode: 200 },
        responseTime: 3.4,
        msg: 'request completed',
      }),
    );
    assert.equal(line, '12:04:05 GET /api/ratings?subjects=a 200 3 ms');
  });

  it('shows other entries as their message and fields, warnings marked', () => {
    const format = devLog();
    assert.equal(
      format(entry({ msg: 'store ready', database: '/tmp/x.sqlite', schemaVersion: 10 })),
      '12:04:05 store ready database=/tmp/x.sqlite schemaVersion=10',
    );
    assert.equal(format(entry({ level: 40, msg: 'slow store' })), '12:04:05 WARN slow store');
    assert.equal(format('not json'), 'not json');
  });

  it('finds the address in the ready entry only', () => {
    const ready = entry({ msg: 'community-widgets server ready at http://127.0.0.1:8787/' });
    assert.equal(readyAddress(ready), 'http://127.0.0.1:8787/');
    assert.equal(
      readyAddress(entry({ msg: 'Server listening at http://127.0.0.1:8787' })),
      undefined,
    );
  });
});
