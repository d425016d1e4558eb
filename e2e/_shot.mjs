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
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console:', m.text());
});
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto('http://127.0.0.1:4173/lockstep/' + hash);
await page.waitForSelector('canvas.overlay', { timeout: 20000 });
await page.waitForTimeout(800);
if (action === 'jump') {
  await page.keyboard.press('j');
  await page.waitForTimeout(800);
}
if (action === 'fitd') {
  await page.keyboard.press('j');
  await page.keyboard.press('d');
  await page.waitForTimeout(800);
}
await page.screenshot({ path: out, fullPage: true });
await browser.close();
