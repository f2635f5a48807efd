import { existsSync } from 'node:fs';

/**
 * Where Debian's Chromium is: CHROMIUM_PATH when it exists, else /usr/bin/chromium or
 * /usr/bin/chromium-browser; null when none exists (a CHROMIUM_PATH that does not exist counts as
 * none). The browser tests skip without one, unless REQUIRE_BROWSER=1 (CI), which fails them.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.CHROMIUM_PATH
    ? [env.CHROMIUM_PATH]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => existsSync(path)) ?? null;
}

export const INSTALL_CHROMIUM_HINT =
  "install Debian's Chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary";

export const browserRequired = (env: NodeJS.ProcessEnv = process.env) => env.REQUIRE_BROWSER === '1';
