import { chromium } from '@playwright/test';
const [, , out, scheme = 'light', hash = '', action = ''] = process.argv;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: scheme });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto('http://127.0.0.1:4173/lockstep/' + hash);
await page.waitForSelector('canvas.overlay', { timeout: 20000 });
await page.waitForTimeout(800);
if (action.includes('jump')) {
  await page.keyboard.press('j');
  await page.waitForTimeout(500);
}
if (action.includes('fitd')) {
  await page.keyboard.press('d');
  await page.waitForTimeout(500);
}
if (action.includes('manual')) {
  await page.keyboard.press('m');
  await page.waitForTimeout(800);
}
if (action.includes('click')) {
  const b = await page.locator('canvas.overlay').boundingBox();
  await page.mouse.click(b.x + b.width * 0.55, b.y + 11 + 22 * 9);
  await page.waitForTimeout(600);
}
await page.screenshot({ path: out, fullPage: false });
await browser.close();
