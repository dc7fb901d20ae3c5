#!/usr/bin/env node
import { relaunchWithMallocEnv, shouldRelaunch } from './relaunch-with-malloc-env.js';

/** The command in this process: loaded only here, so that a relaunching parent stays small. */
async function run(): Promise<number> {
  const { main } = await import('./nst.js');
  return main(process.argv.slice(2));
}

const exited = shouldRelaunch(process.platform, process.env) ? relaunchWithMallocEnv().catch(run) : run();
exited.then(
  (code) => {
    if (typeof code === 'number') process.exit(code);
    process.kill(process.pid, code); // the child's signal ends this process too
  },
  (error: unknown) => {
    process.stderr.write(
      `nst: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(70);
  },
);
