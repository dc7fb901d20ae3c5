/**
 * How long a run of the plugin should take on this machine: each job's export size and iterations
 * against the speed measured on the runner's backend (`StyleRunner.measureSpeed`), and, during the
 * run, the time left from the job's progress plus the estimates of the jobs after it. Pure: the
 * state machine calls it; no tensors are made.
 */
import { estimateStyleJobSeconds, type JobSpeed } from '@nst/browser/estimate-style-job';
import { timeLeftSeconds } from '@nst/browser/time-left';
import type { StylizeProgress } from '@nst/core';
import { exportPlan } from '../export-plan.js';
import type { PluginSettings, SelectedNode } from '../protocol.js';
import { styleChoices } from '../settings.js';

/**
 * Seconds each job of a run over `nodes` with `settings` should take at `speed`, in the order the
 * main thread sends the jobs (each node, and for each node each style choice). A node with no area
 * is skipped by the main thread and costs nothing.
 */
export function estimateRunJobs(nodes: readonly SelectedNode[], settings: PluginSettings, speed: JobSpeed): number[] {
  const copies = styleChoices(settings).length;
  return nodes.flatMap((node) => {
    const plan = exportPlan(node.width, node.height, settings.size);
    const seconds =
      node.width > 0 && node.height > 0
        ? estimateStyleJobSeconds({ width: plan.width, height: plan.height, iterations: settings.iterations }, speed)
        : 0;
    return Array.from({ length: copies }, () => seconds);
  });
}

/** The sum of a run's job estimates. */
export const totalSeconds = (jobSeconds: readonly number[]): number => jobSeconds.reduce((sum, s) => sum + s, 0);

/**
 * Seconds left in a run while its job `job.index` (from 1, of `job.total`) reports `progress`: the
 * job's own time left (`timeLeftSeconds`, its estimate until the progress says enough) and the
 * estimates of the jobs after it. Without estimates (the speed could not be measured, or the jobs
 * are not the ones planned), each later job is taken to be as long as this one; before this job's
 * progress says enough, `undefined`.
 */
export function runTimeLeft(
  jobSeconds: readonly number[] | undefined,
  job: { readonly index: number; readonly total: number },
  progress: Pick<StylizeProgress, 'fraction' | 'elapsedMs'>,
): number | undefined {
  const planned = jobSeconds?.length === job.total ? jobSeconds : undefined;
  const left = timeLeftSeconds(progress, planned?.[job.index - 1]);
  if (left === undefined) return undefined;
  const later =
    planned === undefined ? (job.total - job.index) * (progress.elapsedMs / 1000 + left) : totalSeconds(planned.slice(job.index));
  return left + later;
}
