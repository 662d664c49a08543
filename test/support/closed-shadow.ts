/**
 * Reads inside a closed shadow root through DevTools (which pierces them), as only the user's own
 * eyes and the browser can: Selfview's badge and prompt keep their state there so page scripts
 * cannot read it.
 */
import type { Page } from 'playwright-core';

type DomNode = { nodeName: string; nodeType: number; nodeValue: string; attributes?: string[]; children?: DomNode[]; shadowRoots?: DomNode[] };

const kids = (n: DomNode) => [...(n.shadowRoots ?? []), ...(n.children ?? [])];

/** The shadow content of the first `tag` element: its text nodes and `data-*` attributes (as `name=value`), or [] when there is none. */
export async function closedShadowParts(page: Page, tag: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.detach();
  const data = (a: string[] = []) => a.flatMap((name, i) => (i % 2 === 0 && name.startsWith('data-') ? [`${name}=${a[i + 1]}`] : []));
  const dump = (n: DomNode): string[] => (n.nodeType === 3 ? [n.nodeValue] : [...data(n.attributes), ...kids(n).flatMap(dump)]);
  const find = (n: DomNode): DomNode | undefined => (n.nodeName === tag.toUpperCase() ? n : kids(n).map(find).find(Boolean));
  const el = find(root);
  return el ? kids(el).flatMap(dump) : [];
}

/** The `data-*` values inside the closed shadow root of the first `tag` element, by name without `data-` (e.g. `{ quality: '87' }`). */
export async function closedShadowData(page: Page, tag: string): Promise<Record<string, string>> {
  const parts = await closedShadowParts(page, tag);
  return Object.fromEntries(parts.filter((p) => p.startsWith('data-') && p.includes('=')).map((p) => [p.slice(5, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}
