/**
 * A stand-in for the canvas 2D context that records what the painters draw
 * as SVG elements, so the timeline's painters, unchanged, also draw its SVG
 * export. It implements the part of CanvasRenderingContext2D the painters
 * use (rectangles, paths, text, transforms, clip, alpha, dashes); text is
 * measured from the font size, close enough for the painters' fitting.
 */

type Matrix = [number, number, number, number, number, number];

interface State {
  m: Matrix;
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  lineJoin: CanvasLineJoin;
  dash: number[];
  clip: string | null;
}

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
  private s: State = {
    m: IDENTITY,
    fillStyle: '#000',
    strokeStyle: '#000',
    lineWidth: 1,
    globalAlpha: 1,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    lineJoin: 'miter',
    dash: [],
    clip: null,
  };
  private stack: State[] = [];
  private path = '';
  private readonly out: string[] = [];
  private readonly defs: string[] = [];
  private clips = 0;
  /** The canvas the painters think they draw on (they read its size). */
  readonly canvas: { width: number; height: number };

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.canvas = { width, height };
  }

  get fillStyle() {
    return this.s.fillStyle;
  }
  set fillStyle(v: string) {
    this.s.fillStyle = String(v);
  }
  get strokeStyle() {
    return this.s.strokeStyle;
  }
  set strokeStyle(v: string) {
    this.s.strokeStyle = String(v);
  }
  get lineWidth() {
    return this.s.lineWidth;
  }
  set lineWidth(v: number) {
    this.s.lineWidth = v;
  }
  get globalAlpha() {
    return this.s.globalAlpha;
  }
  set globalAlpha(v: number) {
    this.s.globalAlpha = v;
  }
  get font() {
    return this.s.font;
  }
  set font(v: string) {
    this.s.font = v;
  }
  get textAlign() {
    return this.s.textAlign;
  }
  set textAlign(v: CanvasTextAlign) {
    this.s.textAlign = v;
  }
  get textBaseline() {
    return this.s.textBaseline;
  }
  set textBaseline(v: CanvasTextBaseline) {
    this.s.textBaseline = v;
  }
  get lineJoin() {
    return this.s.lineJoin;
  }
  set lineJoin(v: CanvasLineJoin) {
    this.s.lineJoin = v;
  }

  save() {
    this.stack.push({ ...this.s, dash: this.s.dash.slice() });
  }
  restore() {
    const s = this.stack.pop();
    if (s) this.s = s;
  }
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number) {
    this.s.m = [a, b, c, d, e, f];
  }
  translate(x: number, y: number) {
    this.s.m = multiply(this.s.m, [1, 0, 0, 1, x, y]);
  }
  rotate(r: number) {
    this.s.m = multiply(this.s.m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
  }
  scale(x: number, y: number) {
    this.s.m = multiply(this.s.m, [x, 0, 0, y, 0, 0]);
  }
  setLineDash(d: number[]) {
    this.s.dash = d.slice();
  }
  getLineDash() {
    return this.s.dash.slice();
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
    const id = `clip${++this.clips}`;
    this.defs.push(`<clipPath id="${id}"><path d="${this.path}"${this.transformAttr()}/></clipPath>`);
    this.s.clip = id;
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

  /** The drawing as an SVG document. */
  toString(): string {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" ` +
      `viewBox="0 0 ${this.width} ${this.height}">` +
      (this.defs.length ? `<defs>${this.defs.join('')}</defs>` : '') +
      this.out.join('') +
      '</svg>'
    );
  }

  private fontSize(): number {
    return Number(/(\d+(?:\.\d+)?)px/.exec(this.s.font)?.[1] ?? 10);
  }

  private text(text: string, x: number, y: number, how: 'fill' | 'stroke'): string {
    const family = this.s.font.replace(/^.*?\d+(?:\.\d+)?px\s*/, '') || 'sans-serif';
    const weight = /\bbold\b|\b[6-9]00\b/.test(this.s.font) ? ' font-weight="bold"' : '';
    const anchor = ANCHOR[this.s.textAlign];
    const base = BASELINE[this.s.textBaseline];
    return (
      `<text x="${n(x)}" y="${n(y)}" font-size="${this.fontSize()}" font-family="${escapeXml(family)}"${weight}` +
      `${anchor ? ` text-anchor="${anchor}"` : ''}${base ? ` dominant-baseline="${base}"` : ''}` +
      `${this.paint(how)}>${escapeXml(text)}</text>`
    );
  }

  private transformAttr(): string {
    const m = this.s.m;
    return m.every((v, i) => v === IDENTITY[i]) ? '' : ` transform="matrix(${m.map(n).join(' ')})"`;
  }

  private paint(how: 'fill' | 'stroke'): string {
    const s = this.s;
    const alpha = s.globalAlpha < 1 ? ` opacity="${n(s.globalAlpha)}"` : '';
    const look =
      how === 'fill'
        ? ` fill="${escapeXml(s.fillStyle)}"`
        : ` fill="none" stroke="${escapeXml(s.strokeStyle)}" stroke-width="${n(s.lineWidth)}"` +
          (s.dash.length ? ` stroke-dasharray="${s.dash.map(n).join(' ')}"` : '') +
          (s.lineJoin !== 'miter' ? ` stroke-linejoin="${s.lineJoin}"` : '');
    return `${look}${alpha}${this.transformAttr()}${s.clip ? ` clip-path="url(#${s.clip})"` : ''}`;
  }

  private emit(el: string) {
    this.out.push(el);
  }
}
