/**
 * The webview's entry. In the page it runs `webview-page.ts`; the same script started as a Web
 * Worker (the page's tile workers, see @nst/browser's tile-workers.ts) serves tiles instead.
 */
import { startPageOrTileWorker } from '@nst/browser';

startPageOrTileWorker(() => import('./webview-page.js'));
