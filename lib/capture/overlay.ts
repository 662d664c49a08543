/**
 * The optional private badge in the call page (off by default): tracking quality of the last
 * second, and later the current nudge. It is drawn on the user's own screen in a closed shadow
 * root; the outgoing video comes from the camera, so it is never part of what others see.
 * Movable by dragging, hideable for the rest of the call.
 */
import type { SecondAggregate } from '../cues/types';
import type { NudgeText } from '../feedback/nudge-rules';
import { localiseNudge, pct, qualityIssueText, t } from '../i18n';

/** The badge. Create once per call tab; `update` with each second; `remove` when analysis stops. */
export class Overlay {
  private host: HTMLElement | null = null;
  private text: HTMLElement | null = null;
  /** The badge's box inside the closed shadow root: state markers live here, where page scripts cannot read them. */
  private box: HTMLElement | null = null;
  private hidden = false;
  private pos = { right: 16, top: 16 };

  private nudgeUntil = 0;

  /** Shows a nudge (its English message, shown in the user's language) in the badge for half a minute (instead of the tracking line). */
  nudge(message: string, text?: NudgeText): void {
    if (this.hidden) return;
    this.ensure();
    this.nudgeUntil = Date.now() + 30_000;
    this.text!.textContent = t('overlay.nudge', { message: localiseNudge(message, text) });
    this.box!.dataset.nudge = 'true';
  }

  /** Shows the badge (if not hidden by the user) with this second's tracking quality. */
  update(a: SecondAggregate): void {
    if (this.hidden || Date.now() < this.nudgeUntil) return;
    if (this.box) delete this.box.dataset.nudge;
    this.ensure();
    const issue = a.qualityIssue ? qualityIssueText(a.qualityIssue) : null;
    this.text!.textContent =
      a.quality >= 0.5 ? t('overlay.tracking', { pct: pct(a.quality) }) : issue ? t('overlay.cantReadBecause', { issue }) : t('overlay.cantRead');
    this.box!.dataset.quality = String(Math.round(a.quality * 100));
  }

  /** Takes the badge off the page (analysis paused or stopped). */
  remove(): void {
    this.host?.remove();
    this.host = null;
  }

  private ensure(): void {
    if (this.host?.isConnected) return;
    const host = document.createElement('selfview-overlay');
    const place = (): void => {
      host.style.cssText = `all:initial;position:fixed;z-index:2147483647;display:block;top:${this.pos.top}px;right:${this.pos.right}px`;
    };
    place();
    const root = host.attachShadow({ mode: 'closed' });
    const box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.style.cssText =
      'display:flex;align-items:center;gap:8px;max-width:380px;padding:6px 8px 6px 12px;border-radius:16px;background:rgba(29,32,39,.92);' +
      'color:#eceef3;font:13px/1.3 system-ui,sans-serif;cursor:move;user-select:none;box-shadow:0 2px 10px rgba(0,0,0,.3)';
    const text = document.createElement('span');
    const close = document.createElement('button');
    close.textContent = '×';
    close.setAttribute('aria-label', t('overlay.hide'));
    close.style.cssText = 'all:initial;cursor:pointer;color:#eceef3;font:16px/1 system-ui,sans-serif;padding:2px 6px';
    close.addEventListener('click', (e) => {
      if (!e.isTrusted) return; // a page script cannot hide it on the user's behalf
      this.hidden = true;
      this.remove();
    });
    // Dragging moves the badge; only real pointer input counts.
    box.addEventListener('pointerdown', (down) => {
      if (!down.isTrusted || down.target === close) return;
      const start = { x: down.clientX, y: down.clientY, ...this.pos };
      const move = (e: PointerEvent): void => {
        this.pos = { right: Math.max(0, start.right - (e.clientX - start.x)), top: Math.max(0, start.top + (e.clientY - start.y)) };
        place();
      };
      const up = (): void => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    });
    box.append(text, close);
    root.append(box);
    document.documentElement.append(host);
    this.host = host;
    this.text = text;
    this.box = box;
  }
}
