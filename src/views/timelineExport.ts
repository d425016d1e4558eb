/**
 * The timeline view as a picture to take away: SVG drawn by the same
 * painters as the screen (through the SVG recording context), with the lane
 * names, the axis as it is on screen and the point-of-no-return strip; PNG
 * is that SVG rasterised. The Timeline registers what it draws
 * (timelineSource); this module, loaded when a picture is asked for, owns
 * only the composition and the files.
 */
import { escapeXml, SvgContext } from '../export/svgContext';
import { timelineSource } from './timelineSource';

const TITLE_HEIGHT = 22;
const STYLED = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'font-size',
  'font-family',
  'opacity',
  'text-anchor',
];

/** A copy of an on-screen SVG with its computed styles written in, so it looks the same outside the page. */
function styledCopy(el: SVGSVGElement): string {
  const copy = el.cloneNode(true) as SVGSVGElement;
  const from = [el, ...el.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((node, i) => {
    const cs = getComputedStyle(node);
    const style = STYLED.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (to[i] as SVGElement).setAttribute('style', style);
  });
  return new XMLSerializer().serializeToString(copy);
}

const group = (x: number, y: number, inner: string) => `<g transform="translate(${x},${y})">${inner}</g>`;

/** The view as an SVG document, or null when no timeline is on screen. */
export function timelineSvg(): string | null {
  const p = timelineSource();
  if (!p) return null;
  const spans = new SvgContext(p.width, p.height, 'spans');
  const overlay = new SvgContext(p.width, p.height, 'overlay');
  const fate = new SvgContext(p.width, p.fateHeight, 'fate');
  p.paint(
    spans as unknown as CanvasRenderingContext2D,
    overlay as unknown as CanvasRenderingContext2D,
    fate as unknown as CanvasRenderingContext2D,
  );
  const W = p.labelWidth + p.width;
  const axisY = TITLE_HEIGHT;
  const fateY = axisY + p.axisHeight;
  const lanesY = fateY + p.fateHeight;
  const H = lanesY + p.height;
  let y = 0;
  const labels = p.rows
    .map((r) => {
      const text =
        `<text x="6" y="${y + r.height / 2}" dominant-baseline="central" font-size="11" ` +
        `font-family="system-ui, sans-serif" fill="${escapeXml(p.colors.text)}">${escapeXml(r.label)}</text>`;
      y += r.height;
      return text;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" fill="${escapeXml(p.colors.background)}"/>` +
    `<text x="6" y="15" font-size="12" font-family="system-ui, sans-serif" fill="${escapeXml(p.colors.muted)}">` +
    `${escapeXml(p.title)}</text>` +
    (p.axis ? group(p.labelWidth, axisY, styledCopy(p.axis)) : '') +
    group(p.labelWidth, fateY, fate.inner()) +
    group(0, lanesY, labels) +
    group(p.labelWidth, lanesY, spans.inner() + overlay.inner()) +
    '</svg>'
  );
}

/** The same picture as PNG, at `scale` device pixels per CSS pixel. */
export async function timelinePng(scale = 2): Promise<Blob | null> {
  const svg = timelineSvg();
  if (!svg) return null;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
