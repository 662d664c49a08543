/**
 * Records every network request of every browser target — the extension's service worker, its
 * offscreen document, its pages, the call page and anything they start (workers, frames) — through
 * one browser-level DevTools connection: flattened auto-attach with the targets paused on start,
 * so the Network domain is on before a new context (a restarted service worker) runs a line.
 */
import { CdpConnection } from './egress-cdp';

/** One request as DevTools saw it. */
export interface RecordedRequest {
  url: string;
  method: string;
  /** Resource type (Document, Script, Fetch, XHR, Other…). */
  type: string;
  /** Target type that made it (service_worker, page, worker, other…) and its URL when attached. */
  targetType: string;
  targetUrl: string;
  /** The document the request belongs to, when DevTools names one. */
  documentUrl: string;
  /** Why it never left the browser (blockedReason, e.g. "csp"), or the network error; null when it completed. */
  failed: string | null;
}

/** An attempt the page's Content Security Policy stopped before it reached the network. */
export interface BlockedAttempt {
  url: string;
  directive: string;
  /** kURLViolation, kEvalViolation, kInlineViolation… */
  kind: string;
  /** The script that made the attempt, when DevTools knows it. */
  sourceUrl: string;
  targetType: string;
  targetUrl: string;
}

/** A target the recorder attached to. */
export interface AttachedTarget {
  type: string;
  url: string;
}

/** The running recorder. */
export interface EgressRecorder {
  requests: RecordedRequest[];
  /** CSP violations reported by the targets (these never show as requests). */
  blocked: BlockedAttempt[];
  /** Every target attached (with the last URL it reported). */
  targets: AttachedTarget[];
  stop(): void;
}

/**
 * Starts recording in the browser whose profile is `profile` (launched with
 * `--remote-debugging-port=0`). Resolves once auto-attach is on; targets already open are attached with it.
 */
export async function recordEgress(profile: string): Promise<EgressRecorder> {
  const cdp = await CdpConnection.openForProfile(profile);
  const sessions = new Map<string, AttachedTarget & { id: string }>();
  const byRequest = new Map<string, RecordedRequest>();
  const requests: RecordedRequest[] = [];
  const blocked: BlockedAttempt[] = [];
  /** A target can be attached more than once (from the browser and from a related page): count its events once. */
  const primary = new Map<string, string>();
  const live = new Set<string>();
  const autoAttach = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };
  const source = (sid: string | undefined) => (sid && sessions.get(sid)) || { type: '?', url: '?' };

  cdp.onEvent((e) => {
    const p = e.params;
    if (e.sessionId && !e.method.startsWith('Target.') && primary.get(sessions.get(e.sessionId)?.id ?? '') !== e.sessionId) return;
    if (e.method === 'Target.attachedToTarget') {
      const info = p.targetInfo as { targetId: string; type: string; url: string };
      const sid = p.sessionId as string;
      sessions.set(sid, { id: info.targetId, type: info.type, url: info.url });
      live.add(sid);
      const first = !primary.has(info.targetId) && info.type !== 'browser_ui'; // the browser's own UI is not a web context
      if (first) primary.set(info.targetId, sid);
      // Network first, then children (a page's workers and frames), then let the target run.
      void (first ? Promise.all([cdp.send('Network.enable', {}, sid), cdp.send('Audits.enable', {}, sid)]) : Promise.resolve()).catch(() => undefined)
        .then(() => cdp.send('Target.setAutoAttach', autoAttach, sid).catch(() => undefined))
        .then(() => cdp.send('Runtime.runIfWaitingForDebugger', {}, sid).catch(() => undefined));
    } else if (e.method === 'Target.detachedFromTarget') {
      // A page's own attachment of the service worker ends with the page: carry on in another one.
      const sid = p.sessionId as string;
      const t = sessions.get(sid);
      live.delete(sid);
      if (!t || primary.get(t.id) !== sid) return;
      primary.delete(t.id);
      const other = [...live].find((s) => sessions.get(s)?.id === t.id);
      if (other) {
        primary.set(t.id, other);
        void Promise.all([cdp.send('Network.enable', {}, other), cdp.send('Audits.enable', {}, other)]).catch(() => undefined);
      }
    } else if (e.method === 'Target.targetInfoChanged') {
      const info = p.targetInfo as { targetId: string; url: string };
      for (const t of sessions.values()) if (t.id === info.targetId) t.url = info.url;
    } else if (e.method === 'Network.requestWillBeSent' && e.sessionId) {
      const req = p.request as { url: string; method: string };
      const t = source(e.sessionId);
      const r: RecordedRequest = {
        url: req.url, method: req.method, type: (p.type as string) ?? '', targetType: t.type, targetUrl: t.url,
        documentUrl: (p.documentURL as string) ?? '', failed: null,
      };
      byRequest.set(`${e.sessionId}/${p.requestId as string}`, r);
      requests.push(r);
    } else if (e.method === 'Network.webSocketCreated' && e.sessionId) {
      const t = source(e.sessionId);
      requests.push({ url: p.url as string, method: 'WEBSOCKET', type: 'WebSocket', targetType: t.type, targetUrl: t.url, documentUrl: '', failed: null });
    } else if (e.method === 'Network.loadingFailed' && e.sessionId) {
      const r = byRequest.get(`${e.sessionId}/${p.requestId as string}`);
      if (r) r.failed = (p.blockedReason as string | undefined) ?? (p.errorText as string);
    } else if (e.method === 'Audits.issueAdded' && e.sessionId) {
      type CspIssue = { blockedURL?: string; violatedDirective: string; contentSecurityPolicyViolationType: string; sourceCodeLocation?: { url: string } };
      const csp = (p.issue as { details: { contentSecurityPolicyIssueDetails?: CspIssue } }).details.contentSecurityPolicyIssueDetails;
      const t = source(e.sessionId);
      if (csp) {
        blocked.push({
          url: csp.blockedURL ?? '', directive: csp.violatedDirective, kind: csp.contentSecurityPolicyViolationType,
          sourceUrl: csp.sourceCodeLocation?.url ?? '', targetType: t.type, targetUrl: t.url,
        });
      }
    }
  });
  // Discovery makes targetInfoChanged report navigations (an about:blank tab becoming popup.html).
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  await cdp.send('Target.setAutoAttach', autoAttach);
  return {
    requests,
    blocked,
    get targets() {
      return [...sessions.values()].map(({ type, url }) => ({ type, url }));
    },
    stop: () => cdp.close(),
  };
}
