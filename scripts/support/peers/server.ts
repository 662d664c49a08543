/**
 * A loopback-only static server for the peer benchmark: the peers' ESM bundles and models, the tfjs
 * WASM binaries (all from node_modules) and the face material. It listens on 127.0.0.1 on an
 * ephemeral port, serves GET only and nothing outside its roots.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { FACES, ROOT } from '../paths';

const NM = resolve(ROOT, 'node_modules');

/** URL prefix → directory. The page reaches everything through these and nothing else. */
export const PEER_ROUTES: Record<string, string> = {
  '/lib/human/': resolve(NM, '@vladmandic/human/dist'),
  '/models/human/': resolve(NM, '@vladmandic/human/models'),
  '/lib/face-api/': resolve(NM, '@vladmandic/face-api/dist'),
  '/models/face-api/': resolve(NM, '@vladmandic/face-api/model'),
  '/tfjs-wasm/': resolve(NM, '@tensorflow/tfjs-backend-wasm/dist'),
  '/faces/': FACES,
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.html': 'text/html; charset=utf-8',
};

/** An empty page for the peers to run in (scripts are added by the driver). */
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>peer bench</title></head><body></body></html>';

/** A running server. */
export interface PeerServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Paths that were asked for and not found (a peer looking for a file it does not ship). */
  missing: string[];
  close(): Promise<void>;
}

/** Maps a URL path to a file under one of the roots, or null (never outside a root). */
export function fileFor(path: string): string | null {
  const p = decodeURIComponent(path.split('?')[0]!);
  for (const [prefix, dir] of Object.entries(PEER_ROUTES)) {
    if (!p.startsWith(prefix)) continue;
    const f = resolve(dir, p.slice(prefix.length));
    return f.startsWith(dir + sep) ? f : null;
  }
  return null;
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startPeerServer(): Promise<PeerServer> {
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (url === '/' || url === '/peer.html') return void res.writeHead(200, { 'content-type': TYPES['.html']! }).end(PAGE);
    const f = fileFor(url);
    let size = -1;
    try {
      if (f && statSync(f).isFile()) size = statSync(f).size;
    } catch {
      // not found: answered below
    }
    if (!f || size < 0) {
      missing.push(url);
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': TYPES[extname(f).toLowerCase()] ?? 'application/octet-stream', 'content-length': size });
    createReadStream(f).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    missing,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // Chromium keeps its keep-alive sockets open; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
