// Fails, naming them, when a message has no translation in some locale, when a translation is
// stale (its message is gone, or its English changed since it was translated), or when the
// locale modules in src/i18n/generated are not what xliff/ builds. It extracts and builds
// into a scratch copy, so the check never edits the tree. How to add a message or a locale:
// docs/translations.md. `--fix` runs `lit-localize extract` and `build` in place instead.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CONFIG = 'lit-localize.json';
const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
const xliffDir = config.interchange.xliffDir;
const generatedDir = config.output.outputDir;
const cli = resolve('node_modules/.bin/lit-localize');
const run = (args) => execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });

// A counted sentence (`counted(id, count, one, other)` in src/i18n/locale.ts) computes its
// message id from the plural category, which lit-localize's extractor cannot follow; this file
// writes each one's six messages out for it while it runs, so xliff/ keeps one unit per id.
const countedFile = `.lit-localize.counted-${process.pid}.ts`;
writeFileSync(countedFile, countedMessages(config.inputFiles));
const withCounted = (extra) =>
  JSON.stringify({ ...config, ...extra, inputFiles: [...config.inputFiles, countedFile] });

if (process.argv.includes('--fix')) {
  const fixConfig = `.lit-localize.check-${process.pid}.json`;
  try {
    writeFileSync(fixConfig, withCounted({}));
    run(['extract', '--config', fixConfig]);
    run(['build', '--config', fixConfig]);
  } finally {
    rmSync(fixConfig, { force: true });
    rmSync(countedFile, { force: true });
  }
  console.log(`translations: extracted into ${xliffDir} and built ${generatedDir}`);
  process.exit(0);
}

const scratch = mkdtempSync(join(tmpdir(), 'cw-translations-'));
// lit-localize resolves paths from its config file's folder, so the scratch config sits in the
// repository (ignored by git) and points its outputs at the scratch folder.
const scratchConfig = `.lit-localize.check-${process.pid}.json`;
const problems = [];
try {
  cpSync(xliffDir, join(scratch, 'xliff'), { recursive: true });
  writeFileSync(
    scratchConfig,
    withCounted({
      interchange: { ...config.interchange, xliffDir: join(scratch, 'xliff') },
      output: {
        ...config.output,
        outputDir: join(scratch, 'generated'),
        localeCodesModule: join(scratch, 'generated', 'locale-codes.ts'),
      },
    }),
  );
  run(['extract', '--config', scratchConfig]);

  for (const locale of config.targetLocales) {
    const file = `${locale}.xlf`;
    const committedPath = join(xliffDir, file);
    const committed = existsSync(committedPath)
      ? units(readFileSync(committedPath, 'utf8'))
      : new Map();
    const current = units(readFileSync(join(scratch, 'xliff', file), 'utf8'));
    const missing = [...current].filter(([id]) => committed.get(id)?.target === undefined);
    const gone = [...committed.keys()].filter((id) => !current.has(id));
    const changed = [...current].filter(
      ([id, unit]) => committed.has(id) && committed.get(id).source !== unit.source,
    );
    for (const [id, { source }] of missing) {
      problems.push(`${locale}: no translation for ${id} "${plain(source)}"`);
    }
    for (const id of gone) {
      const english = plain(committed.get(id).source);
      problems.push(`${locale}: stale translation ${id} "${english}" (no such message any more)`);
    }
    for (const [id, { source }] of changed) {
      problems.push(`${locale}: stale translation ${id}: its English is now "${plain(source)}"`);
    }
  }

  if (problems.length === 0) {
    run(['build', '--config', scratchConfig]);
    // Compared as lit-localize writes them: prettier and eslint leave the folder alone.
    const built = join(scratch, 'generated');
    const names = new Set([...readdirSync(built), ...readdirSync(generatedDir)]);
    for (const name of names) {
      const ours = join(generatedDir, name);
      const theirs = join(built, name);
      if (!existsSync(theirs)) problems.push(`${ours} is not generated any more: delete it`);
      else if (!existsSync(ours) || readFileSync(ours, 'utf8') !== readFileSync(theirs, 'utf8')) {
        problems.push(`${ours} is out of date with ${xliffDir}`);
      }
    }
  }
} finally {
  rmSync(scratchConfig, { force: true });
  rmSync(countedFile, { force: true });
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(
    `translations: ${problems.length} problem(s). Translate in ${xliffDir}<locale>.xlf after ` +
      '`npm run i18n` (see docs/translations.md).',
  );
  process.exit(1);
}
console.log(
  `translations: every message translated in ${config.targetLocales.join(', ')}; ${generatedDir} is current`,
);

/** The trans-units of an XLIFF file by id, with their source and (if any) target markup. */
function units(xml) {
  const found = new Map();
  for (const [, id, body] of xml.matchAll(
    /<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g,
  )) {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1];
    const target = /<target>([\s\S]*?)<\/target>/.exec(body)?.[1];
    found.set(id, { source, target: target?.trim() ? target : undefined });
  }
  return found;
}

/** A source for people: placeholders as their expressions, entities decoded. */
function plain(source = '') {
  return source
    .replace(/<x [^>]*equiv-text="([^"]*)"[^>]*\/>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * The six messages of every `counted('<id>', count, str`one`, str`other`)` in the message
 * modules, as lit-localize's extractor reads messages: `<id>-one` is the `one` sentence, the
 * other five categories the `other` sentence (English selects only `one` and `other`).
 */
function countedMessages(patterns) {
  const call = /\bcounted\(\s*'([\w.-]+)',\s*[^,]+?,\s*(str`[^`]*`),\s*(str`[^`]*`),?\s*\)/g;
  const files = readdirSync('src/i18n')
    .map((name) => `src/i18n/${name}`)
    .filter((path) => patterns.some((pattern) => path.match(globToRegExp(pattern))));
  const sentences = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const found = [...text.matchAll(call)];
    if (found.length !== text.split(/\bcounted\(/).length - 1) {
      throw new Error(
        `${file}: write every counted(…) as counted('id', count, str\`…\`, str\`…\`)`,
      );
    }
    for (const [, id, one, other] of found) {
      const names = [...new Set([...(one + other).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]))];
      const bad = names.find((name) => !/^\w+$/.test(name));
      if (bad) throw new Error(`${file}: counted('${id}') names \${${bad}}: use a plain variable`);
      const forms = ['zero', 'one', 'two', 'few', 'many', 'other'].map(
        (category) => `    msg(${category === 'one' ? one : other}, { id: '${id}-${category}' }),`,
      );
      sentences.push(
        `  (${names.map((name) => `${name}: unknown`).join(', ')}) => [\n${forms.join('\n')}\n  ],`,
      );
    }
  }
  return [
    `// Written by scripts/check-translations.mjs for lit-localize's extractor; not source.`,
    `import { msg, str } from '@lit/localize';`,
    `export const counted = [\n${sentences.join('\n')}\n];`,
    '',
  ].join('\n');
}

/** `src/i18n/*-messages.ts` → a RegExp for one folder's file names. */
function globToRegExp(pattern) {
  return new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
}
