/**
 * The entry of ui.html's one script. In the plugin's iframe it runs the UI (`ui-page.ts`); the
 * same script started as a Web Worker (the UI's tile workers, see @nst/browser's tile-workers.ts)
 * serves tiles instead and runs none of the UI.
 */
import { startPageOrTileWorker } from '@nst/browser';

startPageOrTileWorker(() => import('./ui-page.js'));
