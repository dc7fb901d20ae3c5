/**
 * The one way the apps call esbuild (the CLI, the Figma plugin, the VS Code extension): each
 * build says only where its bundle runs and what it writes; what they all share is here. Every
 * build bundles and prints warnings and errors only, and a `production` bundle (a page users
 * load) is minified with `process.env.NODE_ENV` set to "production", as libraries expect.
 */
import { build, type BuildOptions, type BuildResult } from 'esbuild';

/** esbuild's options, less what every build shares, plus `production`. */
export type BundleOptions = Omit<BuildOptions, 'bundle' | 'logLevel'> & {
  /** Minified, with `process.env.NODE_ENV` "production": a page users load. */
  readonly production?: boolean;
};

/** Bundles with esbuild as every app's build does (see the module's doc). */
export function bundle({ production = false, ...options }: BundleOptions): Promise<BuildResult> {
  return build({
    bundle: true,
    logLevel: 'warning',
    ...(production ? { minify: true, define: { 'process.env.NODE_ENV': '"production"' } } : {}),
    ...options,
  });
}
