import { defineContentScript } from 'wxt/utils/define-content-script';
import { startCallCapture } from '@/lib/capture/call-capture';
import { BUILT_IN_MATCHES } from '@/lib/sites/call-sites';

export default defineContentScript({
  matches: BUILT_IN_MATCHES,
  runAt: 'document_start',
  main: () => startCallCapture(),
});
