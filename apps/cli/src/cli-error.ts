/** A mistake in the command line or its files: printed as one line, exit code 2 (usage) or 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An output that is one of the inputs (same path after symlinks, or same file): a usage mistake, exit code 2. */
export class OutputIsInputError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A batch stopped with Ctrl-C after some of its photos were written: says which, exit code 130. */
export class StoppedError extends CliError {
  constructor(
    readonly written: readonly string[],
    total: number,
  ) {
    super(`stopped; wrote ${written.join(', ')}; the other ${total - written.length} of ${total} photos were not written.`, 130);
  }
}
