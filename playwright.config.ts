import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './e2e/chromium';

// Debian's Chromium: browser downloads are impossible here (see README).
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: 'http://127.0.0.1:4173/lockstep/',
    viewport: { width: 1280, height: 900 },
    launchOptions: chromiumLaunch,
  },
  webServer: {
    command: 'node e2e/serve.mjs',
    url: 'http://127.0.0.1:4173/lockstep/',
    reuseExistingServer: !process.env.CI,
  },
});
