/**
 * The fake Figma's document drawn as HTML, the way Figma's canvas shows it live: frames and
 * rectangles with their SOLID and IMAGE fills (an image fill is the stored PNG itself, so a styled
 * result shows exactly the pixels the plugin put there), corner radius, rotation, clipping and
 * opacity; TEXT as real text in its colour; a VECTOR as the fake's star. What the fake's own
 * `exportAsync` renders (text as bars) is what the plugin styles; this is what a designer sees.
 * Also the hero section the end-to-end test and the README's screenshot style.
 */
import sharp from 'sharp';
import type { FakeFigma, FakeNode, FakeNodeSpec } from '@nst/figma-plugin/testing';

type Paint = NonNullable<FakeNodeSpec['fills']>[number];

const css = (paint: Paint, images: ReadonlyMap<string, Uint8Array>): string | undefined => {
  if (paint.visible === false) return undefined;
  if (paint.type === 'SOLID') {
    const { r, g, b } = paint.color;
    const c = `rgba(${Math.round(r * 255)},${Math.round(g * 255)},${Math.round(b * 255)},${paint.opacity ?? 1})`;
    return `linear-gradient(${c},${c})`;
  }
  if (paint.type === 'IMAGE' && paint.imageHash !== null) {
    const bytes = images.get(paint.imageHash);
    return bytes === undefined ? undefined : `url(data:image/png;base64,${Buffer.from(bytes).toString('base64')}) center / cover no-repeat`;
  }
  return undefined;
};

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function nodeHtml(node: FakeNode, images: ReadonlyMap<string, Uint8Array>): string {
  const fills = Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : [];
  const style = [
    'position:absolute',
    `left:${node.x}px`,
    `top:${node.y}px`,
    `width:${node.width}px`,
    `height:${node.height}px`,
    `opacity:${node.opacity}`,
    node.visible ? '' : 'display:none',
    node.rotation !== 0 ? `transform:rotate(${-node.rotation}deg);transform-origin:0 0` : '',
    typeof node.cornerRadius === 'number' && node.cornerRadius > 0 ? `border-radius:${node.cornerRadius}px` : '',
    node.clipsContent === true ? 'overflow:hidden' : '',
  ];
  if (node.type === 'TEXT') {
    const colour = fills[0]?.type === 'SOLID' ? fills[0].color : { r: 0, g: 0, b: 0 };
    style.push(
      `color:rgb(${colour.r * 255},${colour.g * 255},${colour.b * 255})`,
      `font:700 ${Math.round(node.height * 0.78)}px/${node.height}px 'DejaVu Sans',sans-serif`,
      'white-space:nowrap',
    );
    return `<div title="${escape(node.name)}" style="${style.filter(Boolean).join(';')}">${escape(node.characters ?? '')}</div>`;
  }
  const backgrounds = fills
    .map((p) => css(p, images))
    .filter((b) => b !== undefined)
    .reverse();
  if (backgrounds.length > 0) style.push(`background:${backgrounds.join(',')}`);
  if (node.type === 'VECTOR')
    style.push(
      'clip-path:polygon(50% 2%,61.8% 35.8%,97.6% 36.5%,69% 58.2%,79.4% 92.5%,50% 72%,20.6% 92.5%,31% 58.2%,2.4% 36.5%,38.2% 35.8%)',
    );
  if (node.type === 'ELLIPSE') style.push('border-radius:50%');
  return `<div title="${escape(node.name)}" style="${style.filter(Boolean).join(';')}">${node.children.map((c) => nodeHtml(c, images)).join('')}</div>`;
}

/** A page showing `nodes` (top-level ones) where they are, each with a caption under it. */
export function canvasHtml(figma: FakeFigma, nodes: readonly { node: FakeNode; caption: string }[], margin = 24): string {
  const left = Math.min(...nodes.map(({ node }) => node.x)) - margin;
  const top = Math.min(...nodes.map(({ node }) => node.y)) - margin;
  const right = Math.max(...nodes.map(({ node }) => node.x + node.width)) + margin;
  const bottom = Math.max(...nodes.map(({ node }) => node.y + node.height)) + margin + 24;
  const body = nodes
    .map(({ node, caption }) => {
      const label = `<div style="position:absolute;left:${node.x - left}px;top:${node.y - top + node.height + 6}px;font:12px 'DejaVu Sans',sans-serif;color:#555">${escape(caption)}</div>`;
      return `<div style="position:absolute;left:${-left}px;top:${-top}px">${nodeHtml(node, figma.images)}</div>${label}`;
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#e5e5e5"><div id="canvas" style="position:relative;width:${right - left}px;height:${bottom - top}px">${body}</div>`;
}

/** Opaque RGB of a 0…255 colour, as a Figma paint. */
export const solid = (r: number, g: number, b: number): Paint => ({ type: 'SOLID', color: { r: r / 255, g: g / 255, b: b / 255 } });

/**
 * A hero section as a designer draws one: a photo background (an image fill), a headline, a button
 * (an instance: a rounded pill and its label) and a star icon, in auto layout.
 */
export async function addHero(
  figma: FakeFigma,
  photoPath: string,
  size: { width: number; height: number },
  textColour: [number, number, number],
) {
  const { width, height } = size;
  const { data, info } = await sharp(photoPath)
    .resize(width, height, { fit: 'cover' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const png = new Uint8Array(
    await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
      .png()
      .toBuffer(),
  );
  const photo = figma.addImage(png, { width: info.width, height: info.height, data: new Uint8Array(data) });
  const s = width / 240;
  const frame = figma.add({
    name: 'Hero',
    width,
    height,
    cornerRadius: Math.round(12 * s),
    fills: [{ type: 'IMAGE', imageHash: photo, scaleMode: 'FILL' }],
  });
  frame.layoutMode = 'VERTICAL';
  const text = solid(...textColour);
  const headline = figma.add(
    { name: 'Headline', type: 'TEXT', characters: 'Fresh roast', x: 16 * s, y: 16 * s, width: 150 * s, height: 26 * s, fills: [text] },
    frame,
  );
  const sub = figma.add(
    {
      name: 'Subline',
      type: 'TEXT',
      characters: 'Every morning at 7',
      x: 16 * s,
      y: 46 * s,
      width: 120 * s,
      height: 12 * s,
      fills: [text],
    },
    frame,
  );
  const button = figma.add(
    { name: 'Button', type: 'INSTANCE', x: 16 * s, y: height - 44 * s, width: 84 * s, height: 28 * s, fills: [] },
    frame,
  );
  const pill = figma.add(
    { name: 'Pill', type: 'RECTANGLE', width: 84 * s, height: 28 * s, cornerRadius: 14 * s, fills: [solid(214, 92, 38)] },
    button,
  );
  const label = figma.add(
    { name: 'Label', type: 'TEXT', characters: 'Order now', x: 12 * s, y: 8 * s, width: 60 * s, height: 12 * s, fills: [text] },
    button,
  );
  const icon = figma.add({ name: 'Icon', x: width - 44 * s, y: 16 * s, width: 28 * s, height: 28 * s, fills: [] }, frame);
  const star = figma.add({ name: 'Star', type: 'VECTOR', width: 28 * s, height: 28 * s, fills: [solid(250, 200, 40)] }, icon);
  return { frame, headline, sub, button, pill, label, icon, star };
}
