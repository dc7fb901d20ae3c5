/**
 * glibc malloc settings under which the native engine keeps its memory from one tile pass to the
 * next. A stage of several tiles runs its passes without ONNX Runtime's arena (an arena keeps its
 * peak, and each tile shape is a session of its own), so every run allocates its activations
 * afresh. glibc serves a block over 32 MB with `mmap` and unmaps it when it is freed, so the next
 * run faults every page in again: at 2048 px that was most of the run's time. With mmap off and
 * trimming out of reach, big blocks come from the heap and a freed one is reused, as an arena
 * would. glibc reads these once, when a process starts, so they belong in the environment a
 * process is started with: the `nst` command relaunches itself with them on Linux; a program that
 * imports @nst/core sets them where it is started. Other C libraries ignore them.
 *
 * Reference: glibc manual, "Memory Allocation Tunables" (`glibc.malloc.mmap_max`,
 * `glibc.malloc.trim_threshold`, whose environment aliases these are).
 */
export const NATIVE_MALLOC_ENV: Readonly<Record<'MALLOC_MMAP_MAX_' | 'MALLOC_TRIM_THRESHOLD_', string>> = {
  MALLOC_MMAP_MAX_: '0',
  MALLOC_TRIM_THRESHOLD_: String(2 ** 36),
};

/** Whether a process started with `env` runs with glibc's defaults for both {@link NATIVE_MALLOC_ENV} settings (the user set neither). */
export function lacksNativeMallocEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return Object.keys(NATIVE_MALLOC_ENV).every((name) => env[name] === undefined);
}
