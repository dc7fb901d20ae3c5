/** The plugin's manifest, written to `dist/manifest.json` by the build; see https://developers.figma.com/docs/plugins/manifest/ */
export const MANIFEST = {
  name: 'Neural Style Transfer',
  id: 'nst-neural-style-transfer',
  api: '1.0.0',
  main: 'code.js',
  ui: 'ui.html',
  editorType: ['figma'],
  documentAccess: 'dynamic-page',
  networkAccess: { allowedDomains: ['none'], reasoning: 'Styles are computed on this computer; nothing is sent anywhere.' },
} as const;
