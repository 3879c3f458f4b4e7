import {
  backupCommand,
  describeConfig,
  migrateCommand,
  rebuildInsightsCommand,
  USAGE,
} from './commands.js';
import { ConfigError, loadConfig } from './config.js';
import { serve } from './serve.js';
import { StorageError } from './store/storage-error.js';

/**
 * The `community-widgets-server` command line. Problems an operator fixes (configuration,
 * storage) end in their sentence and exit code 2; anything else is a bug and exits 1 with
 * its stack.
 */
async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  const commands: Record<string, () => Promise<void>> = {
    serve: async () => serve(loadConfig()),
    migrate: async () => console.log(await migrateCommand(loadConfig())),
    backup: async () => console.log(await backupCommand(loadConfig(), rest[0])),
    'rebuild-insights': async () => console.log(await rebuildInsightsCommand(loadConfig())),
    'check-config': async () => {
      const file = process.env.CW_CONFIG;
      const config = loadConfig();
      console.log(
        `Configuration is valid (${file ? `file ${file}` : 'no CW_CONFIG file'}, then the environment). In force:`,
      );
      console.log(describeConfig(config));
    },
  };
  const run = commands[command];
  if (!run) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    process.exit(2);
  }
  await run();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StorageError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
