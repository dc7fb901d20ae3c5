/**
 * A duration as a UI says it, rounded so that it promises no more than an estimate knows:
 * "a few seconds", "about 40 s", "about 3 min", "about 1 h 20 min". No imports that run.
 */
export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds) || seconds < 10) return 'a few seconds';
  if (seconds < 55) return `about ${Math.round(seconds / 5) * 5} s`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `about ${minutes} min`;
  if (!Number.isFinite(seconds)) return 'a very long time';
  const tens = Math.round(seconds / 600) * 10; // over an hour, to 10 min
  const [hours, rest] = [Math.floor(tens / 60), tens % 60];
  return `about ${hours} h${rest === 0 ? '' : ` ${rest} min`}`;
}
