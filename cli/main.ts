import { DefinitionError } from '../functions/indicators/definition-error.js';
import { ConfigError } from '../functions/shared/config.js';
import { UsageError } from './args.js';
import type { CommandContext } from './command-context.js';
import { PortInUseError } from './serve.js';

const HELP = `Usage: npx mirante <command> [options]

Commands:
  dev [--reset] [--port N]   Run Mirante locally: embedded DynamoDB and S3, demo data, API on :3000
  seed [--ratings N]         Load the synthetic demo city into the local stack
  export                     Export closed feedback time buckets to the lake
  compute                    Compute and publish every indicator whose inputs changed
  query ["SQL"] [-f FILE]    Ask the lake with SQL (read-only sandbox)
  indicators list|show|run   Inspect the indicator catalogue
  help                       Show this help

The commands talk to the running 'mirante dev' stack when it is up (.mirante/endpoints.json),
and start the embedded servers themselves when it is not.`;

type Command = (ctx: CommandContext) => Promise<number>;

// The AWS SDK warns on Node 20 that its releases after early 2027 need Node 22; the lock file pins
// the versions (DESIGN.md), so that notice is noise here. Every other warning still prints.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!warning.message.startsWith('NodeVersionSupportWarning')) {
    console.warn(`(mirante) ${warning.name}: ${warning.message}`);
  }
});

const commands: Record<string, () => Promise<Command>> = {
  dev: async () => (await import('./commands/dev.js')).runDev,
  seed: async () => (await import('./commands/seed.js')).runSeed,
  export: async () => (await import('./commands/export.js')).runExport,
  compute: async () => (await import('./commands/compute.js')).runCompute,
  query: async () => (await import('./commands/query.js')).runQuery,
  indicators: async () => (await import('./commands/indicators.js')).runIndicators,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    console.error(`mirante: unknown command '${name}'. Run 'npx mirante help'.`);
    return 2;
  }
  const command = await load();
  return command({
    argv: rest,
    env: process.env,
    cwd: process.cwd(),
    print: (l) => console.log(l),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const expected =
      error instanceof UsageError ||
      error instanceof PortInUseError ||
      error instanceof ConfigError ||
      error instanceof DefinitionError;
    if (expected) {
      console.error(`mirante: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
