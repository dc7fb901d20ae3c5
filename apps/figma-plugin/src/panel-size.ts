/**
 * The plugin panel's size, as `figma.showUI` opens it: one constant for the main thread and for
 * whatever shows the UI outside Figma (the browser tests, the README's screenshots).
 */

/** The panel's width and height in CSS pixels. */
export const PANEL_SIZE = { width: 340, height: 720 } as const;
