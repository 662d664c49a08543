import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { browserManifest } from './lib/build/browser-manifest';
import { bundledAssets } from './lib/build/bundled-assets';

/**
 * Extension pages may only run our own scripts and WASM, and may only connect to the extension
 * itself: `connect-src 'self'` is what stops @mediapipe/tasks-vision's usage-metrics POSTs.
 */
export const EXTENSION_PAGES_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'";

export default defineConfig({
  // Tests build into a temp dir to check failures without touching the real build.
  outDir: process.env.SELFVIEW_OUT_DIR ?? '.output',
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // English and German texts (YAML), turned into _locales/<lang>/messages.json at build time.
  i18n: { localesDir: fileURLToPath(new URL('./lib/i18n/locales', import.meta.url)) },
  vite: () => ({ plugins: [preact()] }),
  // One manifest; permissions, browser ids and minimum versions differ by browser (lib/build/browser-manifest.ts).
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Sites the user adds (a self-hosted Jitsi, a company tool) are asked for one by one, from a click.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*'],
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    action: { default_title: 'Selfview' },
    ...browserManifest(browser),
  }),
  hooks: {
    'build:publicAssets': async (wxt, files) => {
      files.push(...(await bundledAssets(wxt.config.root)));
    },
    // WXT turns an entrypoint named `history` into a replacement for the browser's own history page
    // (chrome://history); Selfview's history.html is only its own page, opened from its popup and Settings.
    'build:manifestGenerated': (_wxt, manifest) => {
      delete manifest.chrome_url_overrides?.history;
      if (manifest.chrome_url_overrides && !Object.keys(manifest.chrome_url_overrides).length) delete manifest.chrome_url_overrides;
    },
  },
});
