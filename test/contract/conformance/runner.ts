/**
 * The conformance kit's runner: the contract suites against any backend, with a report per
 * operation of api/openapi.yaml. `community-widgets-conformance` is its command line; a test
 * framework can call `runConformance` and assert on the report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { run } from 'node:test';
import { fileURLToPath } from 'node:url';
import { contractCheck } from '../contract-check.js';
import { NOT_TESTABLE_WITHOUT_SETUP } from '../target.js';
import { ENV, SUITES, SUITES_ENV, type ForeignBackend, type SuiteName } from './foreign-target.js';

export type { ForeignBackend, SuiteName } from './foreign-target.js';
export { SUITES } from './foreign-target.js';

/** `not run`: only for operations no chosen suite called, when `suites` picks some. */
export type OperationVerdict = 'passed' | 'failed' | typeof NOT_TESTABLE_WITHOUT_SETUP | 'not run';

export interface OperationReport {
  id: string;
  method: string;
  path: string;
  verdict: OperationVerdict;
  /** Tests that called the operation and passed. */
  passed: number;
  /** Failed tests whose last request, the one the failing check looked at, was this operation. */
  failures: Array<{ test: string; message: string }>;
}

export interface ConformanceReport {
  baseUrl: string;
  operations: OperationReport[];
  tests: { passed: number; failed: number; notTestable: number };
  /** Tests skipped because they set up state the API cannot (with what they would check). */
  notTestable: string[];
  /** Failed tests that reached no operation (a token command that failed, a backend down). */
  unattributed: Array<{ test: string; message: string }>;
  durationMs: number;
}

export interface ConformanceOptions extends ForeignBackend {
  /** Run only these suites (all by default). */
  suites?: SuiteName[];
  /** Called with each finished test, for progress output. */
  onTest?: (test: { name: string; outcome: 'passed' | 'failed' | 'not testable' }) => void;
}

interface TestEvent {
  name: string;
  nesting: number;
  skip?: string | boolean;
  details: { type?: string; error?: Error & { cause?: unknown } };
}

const suitesFile = () => {
  const self = fileURLToPath(import.meta.url);
  // Beside this module: suites.ts from source (through tsx), suites.js in the built kit.
  return join(self, '..', `suites${extname(self)}`);
};

function failureMessage(error: (Error & { cause?: unknown }) | undefined): string {
  const cause = error?.cause;
  const message = cause instanceof Error ? cause.message : (error?.message ?? 'failed');
  return message.split('\n').slice(0, 6).join('\n');
}

/** Runs every contract suite against `baseUrl` and reports per operation. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const started = Date.now();
  const journalDir = mkdtempSync(join(tmpdir(), 'cw-conformance-'));
  const journalFile = join(journalDir, 'journal.ndjson');
  // NODE_TEST_CONTEXT marks a process node's runner started; inherited, it would make the
  // suites report to a runner that is not listening (when called from inside a test file).
  const previous = Object.fromEntries(
    [...Object.values(ENV), SUITES_ENV, 'CW_CONFORMANCE_JOURNAL', 'NODE_TEST_CONTEXT'].map(
      (name) => [name, process.env[name]],
    ),
  );
  delete process.env.NODE_TEST_CONTEXT;
  // node's runner starts the suites in a child process that inherits this environment.
  process.env[ENV.baseUrl] = options.baseUrl;
  process.env[ENV.memberTokenCommand] = options.memberTokenCommand;
  if (options.moderatorTokenCommand) {
    process.env[ENV.moderatorTokenCommand] = options.moderatorTokenCommand;
  } else delete process.env[ENV.moderatorTokenCommand];
  process.env.CW_CONFORMANCE_JOURNAL = journalFile;
  const unknown = (options.suites ?? []).filter((name) => !(name in SUITES));
  if (unknown.length > 0) throw new Error(`No such suite: ${unknown.join(', ')}.`);
  if (options.suites) process.env[SUITES_ENV] = options.suites.join(',');
  else delete process.env[SUITES_ENV];

  const leaves: TestEvent[] = [];
  const outcomes = new Map<TestEvent, 'passed' | 'failed'>();
  try {
    const stream = run({ files: [suitesFile()], concurrency: 1 });
    const record = (outcome: 'passed' | 'failed') => (event: TestEvent) => {
      if (event.details.type === 'suite' && !event.skip) return;
      leaves.push(event);
      outcomes.set(event, outcome);
      options.onTest?.({ name: event.name, outcome: event.skip ? 'not testable' : outcome });
    };
    stream.on('test:pass', record('passed'));
    stream.on('test:fail', record('failed'));
    // Draining the stream is what makes the run go; its TAP text is not needed.
    for await (const chunk of stream) void chunk;
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }

  let journal: Array<{ test: string; operations: string[] }> = [];
  try {
    journal = readFileSync(journalFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    // No test ran far enough to call anything.
  }
  rmSync(journalDir, { recursive: true, force: true });

  const operations = new Map<string, OperationReport>(
    contractCheck().operations.map((operation) => [
      operation.id,
      {
        id: operation.id,
        method: operation.method,
        path: operation.path,
        verdict: NOT_TESTABLE_WITHOUT_SETUP,
        passed: 0,
        failures: [],
      },
    ]),
  );
  const report: ConformanceReport = {
    baseUrl: options.baseUrl,
    operations: [],
    tests: { passed: 0, failed: 0, notTestable: 0 },
    notTestable: [],
    unattributed: [],
    durationMs: 0,
  };
  let next = 0;
  for (const event of leaves) {
    if (event.skip) {
      report.tests.notTestable += 1;
      report.notTestable.push(event.name);
      continue;
    }
    // Hooks journal every test that ran, in the order the runner reports them.
    const entry = journal[next]?.test === event.name ? journal[next++] : undefined;
    const called = entry?.operations ?? [];
    if (outcomes.get(event) === 'passed') {
      report.tests.passed += 1;
      for (const id of new Set(called)) {
        const operation = operations.get(id);
        if (operation) operation.passed += 1;
      }
      continue;
    }
    report.tests.failed += 1;
    const failure = { test: event.name, message: failureMessage(event.details.error) };
    const blamed = operations.get(called.at(-1) ?? '');
    if (blamed) blamed.failures.push(failure);
    else report.unattributed.push(failure);
  }
  for (const operation of operations.values()) {
    if (operation.failures.length > 0) operation.verdict = 'failed';
    else if (operation.passed > 0) operation.verdict = 'passed';
    else if (options.suites) operation.verdict = 'not run';
  }
  report.operations = [...operations.values()];
  report.durationMs = Date.now() - started;
  return report;
}

/** The report as a table with one operation a line, then the failures in full. */
export function formatReport(report: ConformanceReport): string {
  const width = Math.max(...report.operations.map((o) => o.id.length));
  const lines = [`Conformance of ${report.baseUrl} to api/openapi.yaml`, ''];
  for (const operation of report.operations) {
    const verdict =
      operation.verdict === 'failed'
        ? `FAILED (${operation.failures.length})`
        : operation.verdict === 'passed'
          ? `passed (${operation.passed} test${operation.passed === 1 ? '' : 's'})`
          : operation.verdict;
    lines.push(
      `${operation.id.padEnd(width)}  ${`${operation.method} ${operation.path}`.padEnd(48)}  ${verdict}`,
    );
  }
  const failures = [
    ...report.operations.flatMap((operation) =>
      operation.failures.map((failure) => ({ ...failure, operation: operation.id })),
    ),
    ...report.unattributed.map((failure) => ({ ...failure, operation: '(no request)' })),
  ];
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const failure of failures) {
      lines.push(
        `- ${failure.operation}: ${failure.test}`,
        `    ${failure.message.replace(/\n/g, '\n    ')}`,
      );
    }
  }
  if (report.notTestable.length > 0) {
    lines.push('', `Not testable without setup (${report.notTestable.length}):`);
    for (const name of report.notTestable) lines.push(`- ${name}`);
  }
  const counted = (verdict: OperationVerdict) =>
    report.operations.filter((operation) => operation.verdict === verdict).length;
  lines.push(
    '',
    `operations: ${counted('passed')} passed, ${counted('failed')} failed, ` +
      `${counted(NOT_TESTABLE_WITHOUT_SETUP)} not testable without setup` +
      (counted('not run') > 0 ? `, ${counted('not run')} not run` : ''),
    `tests: ${report.tests.passed} passed, ${report.tests.failed} failed, ` +
      `${report.tests.notTestable} not testable without setup ` +
      `(${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}
