// Installs what Lockstep needs on a fresh machine, and nothing when it is
// already there: npm packages (npm ci) when node_modules is missing or older
// than package-lock.json; with --browser, Debian's Chromium for the browser
// tests (Playwright cannot download browsers here).
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const run = (cmd) =>
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
const stamp = 'node_modules/.package-lock.json';

if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('setup: installing npm packages (npm ci)');
  run('npm ci --no-audit --no-fund');
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (root && existsSync('/usr/bin/apt-get')) {
      console.log("setup: installing Debian's Chromium for the browser tests");
      run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
    } else {
      console.error(
        `setup: the browser tests need Chromium at ${chromium}. Install it (Debian: sudo apt-get install chromium) ` +
          'or set CHROMIUM_PATH to a Chromium binary.',
      );
      process.exit(1);
    }
  }
}
