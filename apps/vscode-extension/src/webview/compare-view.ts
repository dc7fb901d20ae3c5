/** The Compare Styles page: the distance between every pair of styles, nearest first per image. */
import { decodeImage, runsOn, type StyleRunner } from '@nst/browser';
import { messageOf } from '@nst/core';
import { MAX_PREVIEW_SIZE } from '../preview-settings.js';
import type { HostToWebview } from '../protocol.js';
import { BACKEND_NAMES } from './backend-names.js';
import { h, imageUrl } from './dom.js';
import { styleDistances, styleFingerprint } from './fingerprint.js';
import { networkFor } from './network.js';

type Compare = Extract<HostToWebview, { type: 'compare' }>;

export function startCompare(root: HTMLElement, runner: StyleRunner): (message: HostToWebview) => void {
  const backend = h('p', { class: 'muted', id: 'backend' }, 'Starting…');
  const error = h('p', { class: 'error', id: 'error', role: 'alert', hidden: true });
  const status = h('p', { id: 'status', role: 'status' });
  const table = h('table', { id: 'distances', hidden: true });
  root.append(
    h('header', {}, h('h1', {}, 'Style distances'), backend),
    h('p', { class: 'muted' }, 'J_style between each pair of images on the same network: 0 is the same style; smaller is more alike.'),
    error,
    status,
    h('div', { class: 'table-scroll' }, table),
  );

  async function compare(message: Compare): Promise<void> {
    error.hidden = true;
    try {
      status.textContent = `Starting ${BACKEND_NAMES[message.settings.backend]}…`;
      const report = await runner.backend(message.settings.backend);
      backend.textContent = runsOn(report);
      const network = await networkFor(message.modelUrl);
      const prints = [];
      for (const [i, file] of message.images.entries()) {
        status.textContent = `Reading the styles: ${i + 1} of ${message.images.length}…`;
        prints.push(
          await styleFingerprint(await decodeImage(file.bytes, `image “${file.name}”`, { fitWithin: MAX_PREVIEW_SIZE }), network),
        );
      }
      const d = await styleDistances(prints, network.styleLayers);
      const max = Math.max(...d.flat(), Number.MIN_VALUE);
      const head = (i: number) =>
        h('th', { scope: 'col' }, h('img', { src: imageUrl(message.images[i]!.bytes), alt: '' }), message.images[i]!.name);
      table.replaceChildren(
        h('thead', {}, h('tr', {}, h('th', {}), ...message.images.map((_, i) => head(i)), h('th', { scope: 'col' }, 'Closest style'))),
        h(
          'tbody',
          {},
          ...d.map((row, i) => {
            const nearest = row.reduce((best, v, j) => (j !== i && (best < 0 || v < row[best]!) ? j : best), -1);
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, message.images[i]!.name),
              ...row.map((v, j) => {
                const cell = h('td', { 'data-value': v, title: v.toPrecision(6) }, i === j ? '—' : v.toPrecision(3));
                cell.style.setProperty('--shade', String(v / max));
                return cell;
              }),
              h('td', { class: 'nearest' }, message.images[nearest]?.name ?? ''),
            );
          }),
        ),
      );
      table.hidden = false;
      status.textContent = '';
    } catch (e) {
      error.textContent = messageOf(e);
      error.hidden = false;
      status.textContent = '';
    }
  }

  return (message) => {
    if (message.type === 'compare') void compare(message);
    else if (message.type === 'load-failed') {
      error.textContent = message.message;
      error.hidden = false;
    }
  };
}
