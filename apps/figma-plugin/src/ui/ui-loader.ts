/**
 * ui.html's only running script as the page loads: it inflates the UI's script from its data block
 * (see packed-script.ts) and runs it as an inline `<script>` of the page, so that a policy allowing
 * inline scripts allows it (no `eval`). That script is then `document.currentScript` as it starts,
 * so its tile workers are started from its text, as before. If it cannot be unpacked, the panel
 * says so instead of staying blank.
 */
import { gunzip } from './gunzip.js';
import { PACKED_SCRIPT_ID } from './packed-script.js';

async function runPackedScript(): Promise<void> {
  const block = document.getElementById(PACKED_SCRIPT_ID);
  if (block === null) throw new Error(`ui.html has no #${PACKED_SCRIPT_ID}`);
  const packed = Uint8Array.from(atob(block.textContent?.trim() ?? ''), (c) => c.charCodeAt(0));
  const script = document.createElement('script');
  script.textContent = new TextDecoder().decode(await gunzip(packed));
  block.remove();
  document.body.append(script);
}

runPackedScript().catch((error: unknown) => {
  document.body.textContent = `The plugin's panel could not start: ${error instanceof Error ? error.message : String(error)}`;
});
