/**
 * The small private prompt and notices Selfview shows inside the call page, in a closed shadow
 * root. It is part of the page the user sees, never of the outgoing video (that comes from the
 * camera, not the screen).
 */

/** Shows and hides the prompt; `answer` gets the user's choice. */
export class PromptUi {
  private host: HTMLElement | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly answer: (start: boolean) => void) {}

  /** Asks whether to analyse this call. */
  ask(): void {
    this.render('Selfview: give yourself private feedback on your face during this call? Only you see it; nothing leaves this device.', true);
  }

  /** Shows a short notice for a few seconds. */
  notice(text: string): void {
    this.render(text, false);
    this.hideTimer = setTimeout(() => this.hide(), 8000);
  }

  /** Removes whatever is shown. */
  hide(): void {
    clearTimeout(this.hideTimer);
    this.host?.remove();
    this.host = null;
  }

  private render(text: string, withButtons: boolean): void {
    this.hide();
    const host = document.createElement('selfview-prompt');
    const root = host.attachShadow({ mode: 'closed' });
    const box = document.createElement('div');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', 'Selfview');
    box.style.cssText =
      'position:fixed;right:16px;bottom:16px;z-index:2147483647;max-width:340px;padding:12px 14px;border-radius:10px;' +
      'background:#1d2027;color:#eceef3;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 18px rgba(0,0,0,.35)';
    const p = document.createElement('p');
    p.style.margin = '0 0 8px';
    p.textContent = text;
    box.append(p);
    if (withButtons) {
      const btn = (label: string, start: boolean, primary: boolean): HTMLButtonElement => {
        const b = document.createElement('button');
        b.textContent = label;
        b.dataset.answer = start ? 'start' : 'decline';
        b.style.cssText = `margin-right:8px;padding:6px 12px;border-radius:6px;border:1px solid #8fb0ff;cursor:pointer;font:inherit;${primary ? 'background:#8fb0ff;color:#14161b' : 'background:transparent;color:#eceef3'}`;
        b.addEventListener('click', (e) => {
          // Only the user's own click counts: a page script can only make untrusted events.
          if (!e.isTrusted) return;
          this.hide();
          this.answer(start);
        });
        return b;
      };
      box.append(btn('Start', true, true), btn('Not now', false, false));
    }
    root.append(box);
    document.documentElement.append(host);
    this.host = host;
  }
}
