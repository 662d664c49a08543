import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCallCapture } from '@/lib/capture/call-capture';
import { BUILT_IN_MATCHES } from '@/lib/sites/call-sites';

export default defineContentScript({
  // Registered at run time with the hook (see entrypoints/call-hook.content.ts).
  registration: 'runtime',
  matches: BUILT_IN_MATCHES,
  runAt: 'document_start',
  // WXT would otherwise announce the script to the page with a window message carrying the extension id.
  noScriptStartedPostMessage: true,
  main: () => startCallCapture(),
});
