import { defineBackground } from 'wxt/utils/define-background';
import { offscreenEngineHosting } from '@/lib/background/engine-hosting';
import { firefoxEngineHosting } from '@/lib/background/firefox-engine';
import { registerBackground } from '@/lib/background/register';

// Firefox has no offscreen API; its background page is a document, so the engine runs there.
export default defineBackground(() => registerBackground(import.meta.env.FIREFOX ? firefoxEngineHosting() : offscreenEngineHosting()));
