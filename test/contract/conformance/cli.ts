#!/usr/bin/env node
/**
 * `npx community-widgets-conformance <baseUrl> --member-token-command "…"
 * [--moderator-token-command "…"] [--json]`: the contract suites against a backend, with a
 * report per operation; exits 1 when any test fails.
 */
import { parseArgs } from 'node:util';
import { formatReport, runConformance } from './runner.js';

const USAGE = `Usage: community-widgets-conformance <baseUrl> --member-token-command "…" [--moderator-token-command "…"] [--json]

Runs the community-widgets contract suites against the API at <baseUrl> (e.g.
https://shop.example/community/api) and reports, per operation of api/openapi.yaml:
passed, failed, or not testable without setup.

Token commands run through /bin/sh once per person the suites need and print that
person's bearer token. They receive CW_USER_ID, CW_USER_NAME, CW_USER_ROLES (comma-separated),
CW_VERIFIED_SUBJECTS (comma-separated) and CW_TOKEN_EXPIRES_IN (seconds; negative means an
already expired token). The moderator command serves people with the moderator role.
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'member-token-command': { type: 'string' },
    'moderator-token-command': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const [baseUrl] = positionals;
if (values.help || !baseUrl || !values['member-token-command'] || positionals.length > 1) {
  process.stderr.write(USAGE);
  process.exit(values.help ? 0 : 2);
}

const report = await runConformance({
  baseUrl,
  memberTokenCommand: values['member-token-command'],
  moderatorTokenCommand: values['moderator-token-command'],
  onTest: values.json
    ? undefined
    : ({ outcome }) =>
        process.stderr.write(outcome === 'passed' ? '.' : outcome === 'failed' ? 'F' : 's'),
});
if (!values.json) process.stderr.write('\n');
process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
process.exit(report.tests.failed > 0 ? 1 : 0);
