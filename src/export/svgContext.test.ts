import { describe, expect, it } from 'vitest';
import { SvgContext } from './svgContext';

describe('the SVG recording context', () => {
  it('records rectangles, paths and text with their styles, escaping text', () => {
    const ctx = new SvgContext(200, 100);
    ctx.fillStyle = '#2b8a5e';
    ctx.fillRect(10, 20, 30.5, 8);
    ctx.strokeStyle = 'red';
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 2]);
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(50, 50);
    ctx.stroke();
    ctx.font = 'bold 11px system-ui';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.globalAlpha = 0.5;
    ctx.fillText('main <-> gil & "x"', 100, 50);
    const svg = ctx.toString();
    expect(
      svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'),
    ).toBe(true);
    expect(svg).toContain('<rect x="10" y="20" width="30.50" height="8" fill="#2b8a5e"/>');
    expect(svg).toContain('<path d="M0 0L50 50" fill="none" stroke="red" stroke-width="2" stroke-dasharray="4 2"/>');
    expect(svg).toContain(
      '<text x="100" y="50" font-size="11" font-family="system-ui" font-weight="bold" text-anchor="middle" dominant-baseline="central" fill="#2b8a5e" opacity="0.50">main &lt;-&gt; gil &amp; &quot;x&quot;</text>',
    );
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('keeps transforms and clips per save/restore, as a canvas does', () => {
    const ctx = new SvgContext(10, 10);
    ctx.save();
    ctx.translate(5, 0);
    ctx.beginPath();
    ctx.rect(0, 0, 2, 2);
    ctx.clip();
    ctx.fillRect(0, 0, 1, 1);
    ctx.restore();
    ctx.fillRect(0, 0, 1, 1);
    const svg = ctx.toString();
    expect(svg).toContain('<defs><clipPath id="cclip1">');
    expect(svg).toContain('transform="matrix(1 0 0 1 5 0)" clip-path="url(#cclip1)"/>');
    expect(svg.endsWith('<rect x="0" y="0" width="1" height="1" fill="#000"/></svg>')).toBe(true);
    expect(ctx.measureText('abcd').width).toBeCloseTo(4 * 10 * 0.6);
  });
});
