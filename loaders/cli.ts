// `npm run data -- <dataset> [--source <path>] --out <dir>`: prepares a dataset's files
// outside Framework (for pretraining scripts, or to inspect them). The last stdout line is
// a one-line JSON summary, so scripts can read it; messages go to stderr. Exit status:
// 0 done, 1 the data could not be prepared (nothing written), 2 a bad command line.
import {resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {COMMANDS, UsageError, type CommandArgs, type DatasetCommand} from "./commands.ts";

/** Where the CLI writes; tests pass collectors instead of the process streams. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

const PROCESS_IO: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`)
};

/** Runs the CLI on `argv` (the arguments after the script) and resolves to the exit status. */
export async function main(argv: string[], io: CliIo = PROCESS_IO, commands = COMMANDS): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(usage(commands));
    return 0;
  }
  let command: DatasetCommand;
  let args: CommandArgs;
  try {
    ({command, args} = parseCommandLine(argv, commands));
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n${usage(commands)}`);
    return 2;
  }
  try {
    const summary = await command.run(args);
    io.stdout(JSON.stringify(summary));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\nusage: npm run data -- ${command.usage}`);
      return 2;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Splits argv into the dataset's command and its arguments; throws UsageError on a mistake. */
export function parseCommandLine(argv: string[], commands = COMMANDS): {command: DatasetCommand; args: CommandArgs} {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const value = equals < 0 ? argv[++i] : arg.slice(equals + 1);
    if (value === undefined || (equals < 0 && value.startsWith("--"))) {
      throw new UsageError(`--${name}: expected a value`);
    }
    if (name in flags) throw new UsageError(`--${name}: expected once, given twice`);
    flags[name] = value;
  }
  if (positional.length !== 1) {
    throw new UsageError(`expected one dataset, got ${positional.length ? positional.join(" ") : "none"}`);
  }
  const [dataset] = positional;
  const command = Object.hasOwn(commands, dataset) ? commands[dataset] : undefined;
  if (!command) {
    const known = Object.keys(commands).join(", ");
    throw new UsageError(`unknown dataset ${JSON.stringify(dataset)}: expected one of ${known}`);
  }
  const {source, out, ...options} = flags;
  if (out === undefined || out === "") throw new UsageError("--out: expected the output folder, got none");
  for (const name of Object.keys(options)) {
    if (!command.options?.includes(name)) throw new UsageError(`unknown flag --${name} for ${dataset}`);
  }
  return {command, args: {source: source === undefined ? undefined : resolve(source), out, options}};
}

function usage(commands: Record<string, DatasetCommand>): string {
  const lines = Object.values(commands).map((command) => `  npm run data -- ${command.usage}`);
  return `usage:\n${lines.join("\n")}`;
}

// Run when executed as a script (tsx loaders/cli.ts …), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
