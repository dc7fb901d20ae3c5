/**
 * A real VS Code for tests: code-server 4.100.3 (VS Code 1.100.3, its Node extension host, the
 * web workbench), installed by `code-server/setup.sh` into a folder of its own, run on 127.0.0.1
 * with a private user-data and extensions folder. Its Node processes load `code-server/net-guard.cjs`,
 * which logs every connection that would leave this machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('./code-server/', import.meta.url));
const ENTRY = join(DIR, 'node_modules/code-server/out/node/entry.js');

/** code-server could not be installed or started; the message says why and what to do. */
export class CodeServerError extends Error {
  override readonly name = 'CodeServerError';
}

/** Installs code-server unless it is there already (`code-server/setup.sh`); returns the seconds it took. */
export function installCodeServer(): number {
  const started = performance.now();
  try {
    execFileSync('bash', [join(DIR, 'setup.sh')], { stdio: ['ignore', 'inherit', 'pipe'], timeout: 600_000 });
  } catch (error) {
    const stderr =
      error !== null && typeof error === 'object' && 'stderr' in error
        ? String(error.stderr).trim().split('\n').slice(-5).join('\n')
        : String(error);
    throw new CodeServerError(
      `code-server could not be installed by test/code-server/setup.sh:\n${stderr}\nFix that, or set NST_SKIP_REAL_VSCODE=1 to skip the real-host test locally.`,
    );
  }
  return (performance.now() - started) / 1000;
}

/** A running code-server. */
export interface CodeServer {
  /** The workbench with `folder` open. */
  readonly url: string;
  /** Its Node processes that the net guard watched (by command line), and the connections they opened to other machines ("host:port"). */
  network(): { watched: string[]; leaks: string[] };
  /** Its log so far, for failure messages. */
  log(): string;
  /** Stops the whole process group (the launcher leaves watchers behind otherwise) and removes its folders. */
  stop(): Promise<void>;
}

/**
 * Installs `vsix` into a fresh code-server, with `settings` as the user's settings, and starts it
 * on a free port of 127.0.0.1 with `folder` open. Resolves once it listens.
 */
export async function startCodeServer(options: {
  vsix: string;
  folder: string;
  settings: Readonly<Record<string, unknown>>;
  /** Files to remove from the installed extension (paths inside it), e.g. a bundle that must not be the one that runs. */
  withoutFiles?: readonly string[];
}): Promise<CodeServer> {
  if (!existsSync(ENTRY)) throw new CodeServerError(`code-server is not installed at ${ENTRY}: run test/code-server/setup.sh first.`);
  const home = mkdtempSync(join(tmpdir(), 'nst-code-server-'));
  const [userData, extensions, config, logFile, netLog] = ['user-data', 'extensions', 'config.yaml', 'code-server.log', 'net.log'].map(
    (name) => join(home, name),
  ) as [string, string, string, string, string];
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));
  writeFileSync(config, 'auth: none\n'); // its own config file: code-server would write one into ~/.config
  writeFileSync(netLog, '');
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --require ${join(DIR, 'net-guard.cjs')}`.trim(),
    NST_NET_GUARD_LOG: netLog,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  try {
    execFileSync(process.execPath, [ENTRY, ...common, '--install-extension', options.vsix], { env, stdio: 'pipe', timeout: 60_000 });
  } catch (error) {
    throw new CodeServerError(`code-server could not install ${options.vsix}: ${String(error)}`);
  }
  const installed = readdirSync(extensions).filter((name) => existsSync(join(extensions, name, 'package.json')));
  for (const file of options.withoutFiles ?? []) for (const name of installed) rmSync(join(extensions, name, file), { force: true });
  const out = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      ENTRY,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--ignore-last-opened',
      options.folder,
    ],
    { env, detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => readFileSync(logFile, 'utf8');
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
      ]);
      if (!killed) process.kill(-child.pid, 'SIGKILL');
    }
    // the extension host and watchers are in the same group: make sure none is left
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is empty
      }
    }
    rmSync(home, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 60_000; waited += 100) {
    const address = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log())?.[1];
    if (address !== undefined) {
      return {
        url: `${address}/?folder=${encodeURIComponent(options.folder)}`,
        network: () => {
          const lines = readFileSync(netLog, 'utf8').split('\n');
          const after = (prefix: string) => lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
          return { watched: after('loaded '), leaks: [...after('connect '), ...after('lookup ').map((host) => `${host} (looked up)`)] };
        },
        log,
        stop,
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const output = log();
  await stop();
  throw new CodeServerError(`code-server did not start:\n${output.slice(-2000)}`);
}
