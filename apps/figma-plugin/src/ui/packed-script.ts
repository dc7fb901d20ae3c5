/**
 * How ui.html carries the UI's script: gzipped, as base64, in a data block (a `<script>` of a type
 * that is not JavaScript, so the browser only keeps its text) that ui-loader.ts unpacks and runs.
 * Gzipped, the script is 40% as long, and so is the `data:` URL Figma makes of ui.html (see
 * ui-data-url.ts). Shared by build.ts, which packs it, and the loader; no imports that run.
 */

/** The data block's `id`. */
export const PACKED_SCRIPT_ID = 'packed-ui-script';

/** The data block's `type`: any type that is not JavaScript keeps the browser from running it. */
export const PACKED_SCRIPT_TYPE = 'application/gzip';
