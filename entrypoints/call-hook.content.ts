import { defineContentScript } from 'wxt/utils/define-content-script';
import { openHookChannel } from '@/lib/capture/hook-channel';
import { installCallHook } from '@/lib/capture/hook';
import { BUILT_IN_MATCHES } from '@/lib/sites/call-sites';

export default defineContentScript({
  // Registered at run time, and only after the user agreed (lib/sites/registration.ts): before that,
  // no page sees a trace of Selfview. `matches` here only declares the built-in sites' host access.
  registration: 'runtime',
  matches: BUILT_IN_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  // An anonymous wrapper: WXT would otherwise leave a `callHook` global in the page's world for pages to spot.
  globalName: false,
  main: () => installCallHook(window, openHookChannel(window)),
});
