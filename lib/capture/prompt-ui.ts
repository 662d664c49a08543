/**
 * The small private hint and notices Selfview shows inside the call page, in a closed shadow root.
 * It is part of the page the user sees, never of the outgoing video (that comes from the camera,
 * not the screen). Its words are in the browser's language (content scripts have chrome.i18n).
 *
 * The hint cannot start anything: the page can restyle, move, cover or fake anything drawn in it,
 * so Start lives only in Selfview's popup. The hint points there and offers "Not now" — the one
 * answer a hijacked click may give, since it only holds Selfview back.
 */
import { localiseNotice, t } from '../i18n';

/** Shows and hides the prompt; `answer` gets the user's choice. */
export class PromptUi {
  private host: HTMLElement | null = null;
  private asking = false;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly notNow: () => void) {}

  /** Tells the user Selfview can analyse this call from its toolbar icon. */
  ask(): void {
    if (this.asking && this.host?.isConnected) return; // already showing: keep the same hint under the user's pointer
    this.render(t('prompt.hint'), true);
    this.asking = true;
  }

  /** Shows a short notice for a few seconds (Selfview's own English notices are shown in the user's language). */
  notice(text: string): void {
    this.render(localiseNotice(text), false);
    this.asking = false;
    this.hideTimer = setTimeout(() => this.hide(), 8000);
  }

  /** Removes whatever is shown. */
  hide(): void {
    this.asking = false;
    clearTimeout(this.hideTimer);
    this.host?.remove();
    this.host = null;
  }

  private render(text: string, withButtons: boolean): void {
    this.hide();
    const host = document.createElement('selfview-prompt');
    // The host carries the position, so the prompt is one box on the page (and easy to find for tests).
    host.style.cssText = 'all:initial;position:fixed;right:16px;bottom:16px;z-index:2147483647;display:block;width:340px';
    const root = host.attachShadow({ mode: 'closed' });
    const box = document.createElement('div');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', 'Selfview');
    box.style.cssText =
      'padding:12px 14px;border-radius:10px;background:#1d2027;color:#eceef3;font:14px/1.4 system-ui,sans-serif;' +
      'box-shadow:0 4px 18px rgba(0,0,0,.35)';
    const p = document.createElement('p');
    p.style.margin = '0 0 8px';
    p.textContent = text;
    box.append(p);
    if (withButtons) {
      const b = document.createElement('button');
      b.textContent = t('prompt.notNow');
      b.dataset.answer = 'decline';
      b.style.cssText = 'width:96px;height:32px;padding:0;border-radius:6px;border:1px solid #8fb0ff;cursor:pointer;font:inherit;background:transparent;color:#eceef3';
      b.addEventListener('click', (e) => {
        if (!e.isTrusted) return; // a page script can only make untrusted events
        this.hide();
        this.notNow();
      });
      box.append(b);
    }
    root.append(box);
    document.documentElement.append(host);
    this.host = host;
  }
}
