import { defineContentScript } from 'wxt/utils/define-content-script';
import { installCallHook } from '@/lib/capture/hook';
import { BUILT_IN_MATCHES } from '@/lib/sites/call-sites';

export default defineContentScript({
  matches: BUILT_IN_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  // An anonymous wrapper: WXT would otherwise leave a `callHook` global in the page's world for pages to spot.
  globalName: false,
  main: () => installCallHook((s) => window.postMessage(s, window.location.origin)),
});
