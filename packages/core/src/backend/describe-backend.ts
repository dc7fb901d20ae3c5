import type { BackendName } from './backend-options.js';
import type { BackendReport } from './init-backend.js';

/** What a person is told each backend is: "WebGPU", "native CPU", "WebAssembly". */
export const BACKEND_TITLES: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  native: 'native CPU',
  wasm: 'WebAssembly',
  cpu: 'CPU',
};

/**
 * What the backend of `report` runs on, in words: the WebGPU adapter's vendor and device (or its
 * description), "compatibility mode" and "software" where they apply, or the native engine's
 * runtime and version ("onnxruntime-node 1.30.0").
 */
export function backendDetails(report: BackendReport): string[] {
  const a = report.adapter;
  return [
    [a?.vendor, a?.device || a?.description].filter(Boolean).join(' '),
    a?.featureLevel === 'compatibility' ? 'compatibility mode' : '',
    a?.isSoftware === true ? 'software' : '',
    report.native ? `${report.native.runtime} ${report.native.version}` : '',
  ].filter(Boolean);
}

/**
 * A backend report in one line: its name, then what it runs on in brackets ({@link backendDetails}):
 * "WebGPU (nvidia RTX 4090)", "WebGPU (compatibility mode)", "native CPU (onnxruntime-node 1.30.0)",
 * "WebAssembly". `name` says what to call the backend (default {@link BACKEND_TITLES}; a command
 * line may want the name its flag takes).
 */
export function describeBackend(report: BackendReport, name: (backend: BackendName) => string = (b) => BACKEND_TITLES[b]): string {
  const details = backendDetails(report);
  return details.length === 0 ? name(report.backend) : `${name(report.backend)} (${details.join(', ')})`;
}
