/**
 * The command line's manners, shared by every `nst` command: `--help`/`-h`, the exit codes, and
 * an unknown option answered with the nearest known one. `node:util`'s `parseArgs` does the
 * parsing; this module only turns its mistakes into a {@link CliError} a user can act on.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { messageOf } from '@nst/core/errors';
import { CliError } from './cli-error.js';
import { nearestName } from './nearest-name.js';

/** What `nst` exits with; every `--help` ends with it. */
export const EXIT_CODES = `Exit codes:
  0    done
  1    an input could not be used: a missing, empty, corrupt or unsupported file, a model that
       is not VGG-19, a backend that cannot run here, a file that cannot be read or written
       (permissions, a full or read-only disk)
  2    a usage mistake: an unknown command or option, a missing or bad value, an output that
       is one of the inputs
  70   an internal error (a bug: please report it with the message)
  130  stopped with Ctrl-C (nothing half-written; a batch names the photos it wrote)`;

/** The options of one command, as `parseArgs` takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommandLine} returns: the `values` typed by `O`, and the positionals. */
export type CommandLine<O extends CommandOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** `--help` or `-h` among the arguments (before a `--` that ends the options). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** The long names (`--size`) and short ones (`-o`) of `options`. */
export function optionNames(options: CommandOptions): string[] {
  return Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short !== undefined ? [`-${option.short}`] : [])]);
}

/**
 * `parseArgs` with `options`, positionals allowed. A mistake throws a {@link CliError} (exit code
 * 2) that names the option and, for an unknown one, suggests the nearest known option, followed
 * by `usage`.
 */
export function parseCommandLine<O extends CommandOptions>(argv: readonly string[], options: O, usage: string): CommandLine<O> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = messageOf(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
      // A one-letter option is one keystroke from every other: only long ones get a suggestion.
      const long = optionNames(options)
        .filter((name) => name.startsWith('--'))
        .map((name) => name.slice(2));
      const near = unknown.startsWith('--') ? nearestName(unknown.slice(2), long) : undefined;
      const suggestion = near !== undefined ? `; did you mean '--${near}'?` : '';
      throw new CliError(`unknown option '${unknown}'${suggestion}\n${usage}`, 2);
    }
    throw new CliError(`${message}\n${usage}`, 2);
  }
}
