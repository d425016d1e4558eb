/** Stack frames link to the line that defines them, at the commit the variant models. */
import { expect, test } from '@playwright/test';
import { DEFAULT_SHARE } from '../src/url/hash';
import { base, open } from './helpers';

test('at the deadlock, main\u2019s frames link to RediSearch at dede3e11de and to Redis 7.4.0', async ({ page }) => {
  await open(page, { ...DEFAULT_SHARE });
  await page.keyboard.press('j');
  const threads = page.getByRole('region', { name: 'Threads' });
  const frame = threads.getByRole('link', { name: 'barrier_wait_and_destroy' }).first();
  await expect(frame).toHaveAttribute(
    'href',
    'https://github.com/RediSearch/RediSearch/blob/dede3e11de53450b7df34ee1bdaa0d41567fdd51/deps/thpool/barrier.c#L25',
  );
  await expect(threads.getByRole('link', { name: 'aeMain' }).first()).toHaveAttribute(
    'href',
    /redis\/redis\/blob\/7\.4\.0\/src\/ae\.c#L\d+$/,
  );
});

test('Redis #12290: the walk\u2019s frames link to Redis at the tag of the variant', async ({ page }) => {
  await open(page, base({ incident: 'redis-12290', variant: '7.2-rc2', until: 2000 }));
  await page.keyboard.press('j');
  const threads = page.getByRole('region', { name: 'Threads' });
  await expect(threads.getByRole('link', { name: 'handleClientsBlockedOnKey', exact: true }).first()).toHaveAttribute(
    'href',
    'https://github.com/redis/redis/blob/7.2-rc2/src/blocked.c#L555',
  );
});
