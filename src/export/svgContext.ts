/**
 * A stand-in for the canvas 2D context that records what the painters draw
 * as SVG elements, so the timeline's painters, unchanged, also draw its SVG
 * export. It implements the part of CanvasRenderingContext2D the painters
 * use (rectangles, paths, text, transforms, clip, alpha, dashes); text is
 * measured from the font size, close enough for the painters' fitting.
 */

type Matrix = [number, number, number, number, number, number];

/** What save() keeps and restore() puts back, as a canvas does. */
const STYLE_KEYS = [
  'fillStyle',
  'strokeStyle',
  'lineWidth',
  'globalAlpha',
  'font',
  'textAlign',
  'textBaseline',
  'lineJoin',
  'm',
  'dash',
  'clipId',
] as const;
type Saved = Pick<SvgContext, (typeof STYLE_KEYS)[number]>;

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

const BASELINE: Partial<Record<CanvasTextBaseline, string>> = {
  top: 'text-before-edge',
  hanging: 'hanging',
  middle: 'central',
  alphabetic: 'alphabetic',
  bottom: 'text-after-edge',
};
const ANCHOR: Partial<Record<CanvasTextAlign, string>> = { center: 'middle', right: 'end', end: 'end' };

export class SvgContext {
  fillStyle = '#000';
  strokeStyle = '#000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  lineJoin: CanvasLineJoin = 'miter';
  /** The current transform, and the dash pattern and clip path in force. */
  m: Matrix = IDENTITY;
  dash: number[] = [];
  clipId: string | null = null;
  private stack: Saved[] = [];
  private path = '';
  private readonly out: string[] = [];
  private readonly defs: string[] = [];
  private clips = 0;
  /** The canvas the painters think they draw on (they read its size). */
  readonly canvas: { width: number; height: number };

  /** `idPrefix` keeps clip ids apart when several drawings go into one document. */
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly idPrefix = 'c',
  ) {
    this.canvas = { width, height };
  }

  save() {
    const saved = Object.fromEntries(STYLE_KEYS.map((k) => [k, this[k]])) as unknown as Saved;
    this.stack.push({ ...saved, dash: this.dash.slice() });
  }
  restore() {
    const saved = this.stack.pop();
    if (saved) Object.assign(this, saved);
  }
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number) {
    this.m = [a, b, c, d, e, f];
  }
  translate(x: number, y: number) {
    this.m = multiply(this.m, [1, 0, 0, 1, x, y]);
  }
  rotate(r: number) {
    this.m = multiply(this.m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
  }
  scale(x: number, y: number) {
    this.m = multiply(this.m, [x, 0, 0, y, 0, 0]);
  }
  setLineDash(d: number[]) {
    this.dash = d.slice();
  }
  getLineDash() {
    return this.dash.slice();
  }

  beginPath() {
    this.path = '';
  }
  moveTo(x: number, y: number) {
    this.path += `M${n(x)} ${n(y)}`;
  }
  lineTo(x: number, y: number) {
    this.path += `L${n(x)} ${n(y)}`;
  }
  quadraticCurveTo(cx: number, cy: number, x: number, y: number) {
    this.path += `Q${n(cx)} ${n(cy)} ${n(x)} ${n(y)}`;
  }
  rect(x: number, y: number, w: number, h: number) {
    this.path += `M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`;
  }
  arc(x: number, y: number, r: number, a0: number, a1: number) {
    const full = Math.abs(a1 - a0) >= Math.PI * 2 - 1e-9;
    const p = (a: number) => `${n(x + r * Math.cos(a))} ${n(y + r * Math.sin(a))}`;
    if (full) {
      this.path += `M${p(0)}A${n(r)} ${n(r)} 0 1 1 ${p(Math.PI)}A${n(r)} ${n(r)} 0 1 1 ${p(0)}`;
      return;
    }
    const large = Math.abs(a1 - a0) > Math.PI ? 1 : 0;
    this.path += `${this.path ? 'L' : 'M'}${p(a0)}A${n(r)} ${n(r)} 0 ${large} 1 ${p(a1)}`;
  }
  closePath() {
    this.path += 'Z';
  }
  clip() {
    const id = `${this.idPrefix}clip${++this.clips}`;
    this.defs.push(`<clipPath id="${id}"><path d="${this.path}"${this.transformAttr()}/></clipPath>`);
    this.clipId = id;
  }

  fill() {
    if (this.path) this.emit(`<path d="${this.path}"${this.paint('fill')}/>`);
  }
  stroke() {
    if (this.path) this.emit(`<path d="${this.path}"${this.paint('stroke')}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number) {
    this.emit(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"${this.paint('fill')}/>`);
  }
  strokeRect(x: number, y: number, w: number, h: number) {
    this.emit(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"${this.paint('stroke')}/>`);
  }
  /** A cleared canvas is transparent: nothing to record (the export draws its own background first). */
  clearRect() {}
  fillText(text: string, x: number, y: number) {
    this.emit(this.text(text, x, y, 'fill'));
  }
  strokeText(text: string, x: number, y: number) {
    this.emit(this.text(text, x, y, 'stroke'));
  }
  measureText(text: string): TextMetrics {
    return { width: text.length * this.fontSize() * 0.6 } as TextMetrics;
  }

  /** The drawing's elements (and their clip paths), to place inside a larger document. */
  inner(): string {
    return (this.defs.length ? `<defs>${this.defs.join('')}</defs>` : '') + this.out.join('');
  }

  /** The drawing as an SVG document. */
  toString(): string {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" ` +
      `viewBox="0 0 ${this.width} ${this.height}">${this.inner()}</svg>`
    );
  }

  private fontSize(): number {
    return Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 10);
  }

  private text(text: string, x: number, y: number, how: 'fill' | 'stroke'): string {
    const family = this.font.replace(/^.*?\d+(?:\.\d+)?px\s*/, '') || 'sans-serif';
    const weight = /\bbold\b|\b[6-9]00\b/.test(this.font) ? ' font-weight="bold"' : '';
    const anchor = ANCHOR[this.textAlign];
    const base = BASELINE[this.textBaseline];
    return (
      `<text x="${n(x)}" y="${n(y)}" font-size="${this.fontSize()}" font-family="${escapeXml(family)}"${weight}` +
      `${anchor ? ` text-anchor="${anchor}"` : ''}${base ? ` dominant-baseline="${base}"` : ''}` +
      `${this.paint(how)}>${escapeXml(text)}</text>`
    );
  }

  private transformAttr(): string {
    const m = this.m;
    return m.every((v, i) => v === IDENTITY[i]) ? '' : ` transform="matrix(${m.map(n).join(' ')})"`;
  }

  private paint(how: 'fill' | 'stroke'): string {
    const alpha = this.globalAlpha < 1 ? ` opacity="${n(this.globalAlpha)}"` : '';
    const look =
      how === 'fill'
        ? ` fill="${escapeXml(this.fillStyle)}"`
        : ` fill="none" stroke="${escapeXml(this.strokeStyle)}" stroke-width="${n(this.lineWidth)}"` +
          (this.dash.length ? ` stroke-dasharray="${this.dash.map(n).join(' ')}"` : '') +
          (this.lineJoin !== 'miter' ? ` stroke-linejoin="${this.lineJoin}"` : '');
    return `${look}${alpha}${this.transformAttr()}${this.clipId ? ` clip-path="url(#${this.clipId})"` : ''}`;
  }

  private emit(el: string) {
    this.out.push(el);
  }
}
