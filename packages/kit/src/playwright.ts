/**
 * Playwright settings both apps' end-to-end suites share: Debian's Chromium (Playwright cannot download its own
 * here), flags that keep it off the network, one worker on a 2-core machine, screenshots kept on failure.
 */
export const chromiumUse = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
  screenshot: 'only-on-failure' as const,
  actionTimeout: 15_000,
  navigationTimeout: 30_000,
};

export const suiteDefaults = {
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']] as [string][],
  outputDir: 'test-results/artifacts',
};
