#!/usr/bin/env node
/**
 * `npx community-widgets-conformance <baseUrl> --member-token-command "…"
 * [--moderator-token-command "…"] [--suite name]… [--json]`: the contract suites against a
 * backend, with a report per operation; exits 1 when any test fails, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { formatReport, runConformance, SUITES, type SuiteName } from './runner.js';

const USAGE = `Usage: community-widgets-conformance <baseUrl> --member-token-command "…" [--moderator-token-command "…"] [--suite name]… [--json]

Runs the community-widgets contract suites against the API at <baseUrl> (e.g.
https://shop.example/community/api) and reports, per operation of api/openapi.yaml:
passed, failed, or not testable without setup.

Token commands run through /bin/sh once per person the suites need and print that
person's bearer token. They receive CW_USER_ID, CW_USER_NAME, CW_USER_ROLES (comma-separated),
CW_VERIFIED_SUBJECTS (comma-separated) and CW_TOKEN_EXPIRES_IN (seconds; negative means an
already expired token). The moderator command serves people with the moderator role.

--suite runs only the named suites (repeat it for several): ${Object.entries(SUITES)
  .map(([name, what]) => `${name} (${what})`)
  .join(', ')}. Operations no chosen suite calls are reported "not run".
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'member-token-command': { type: 'string' },
    'moderator-token-command': { type: 'string' },
    suite: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const [baseUrl] = positionals;
const unknownSuites = (values.suite ?? []).filter((name) => !(name in SUITES));
if (
  values.help ||
  !baseUrl ||
  !values['member-token-command'] ||
  positionals.length > 1 ||
  unknownSuites.length > 0
) {
  if (unknownSuites.length > 0)
    process.stderr.write(`No such suite: ${unknownSuites.join(', ')}\n`);
  process.stderr.write(USAGE);
  process.exit(values.help ? 0 : 2);
}

const report = await runConformance({
  baseUrl,
  memberTokenCommand: values['member-token-command'],
  moderatorTokenCommand: values['moderator-token-command'],
  ...(values.suite ? { suites: values.suite as SuiteName[] } : {}),
  onTest: values.json
    ? undefined
    : ({ outcome }) =>
        process.stderr.write(outcome === 'passed' ? '.' : outcome === 'failed' ? 'F' : 's'),
});
if (!values.json) process.stderr.write('\n');
process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
process.exit(report.tests.failed > 0 ? 1 : 0);
