/**
 * A minimal Chrome DevTools Protocol client over the browser's own WebSocket endpoint, for the
 * egress recorder. Playwright's CDP sessions cannot address the child sessions that flattened
 * auto-attach creates (service worker, offscreen document, every page), and Node 20 has no
 * WebSocket, so this speaks just enough RFC 6455 (text frames, ping, close) over a TCP socket.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

/** One CDP event, with the flattened session it came from (undefined: the browser session). */
export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/** A browser-level CDP connection. */
export class CdpConnection {
  private buf = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners: ((e: CdpEvent) => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => this.read(d));
    socket.on('error', () => undefined); // the browser closing first is the normal end of a test
  }

  /**
   * Connects to the browser started with `--remote-debugging-port=0` in `profile` (Chromium writes
   * the chosen port and the browser target's path to DevToolsActivePort there).
   */
  static async openForProfile(profile: string): Promise<CdpConnection> {
    const [port, path] = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').trim().split('\n');
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((res, rej) => socket.once('connect', res).once('error', rej));
    const key = randomBytes(16).toString('base64');
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const rest = await new Promise<Buffer>((res, rej) => {
      let head = Buffer.alloc(0);
      const onData = (d: Buffer): void => {
        head = Buffer.concat([head, d]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = head.subarray(0, end).toString().split('\r\n')[0] ?? '';
        if (!status.includes(' 101 ')) rej(new Error(`DevTools handshake failed: ${status}`));
        else res(head.subarray(end + 4));
      };
      socket.on('data', onData);
    });
    const c = new CdpConnection(socket);
    if (rest.length) c.read(rest);
    return c;
  }

  /** Sends a command (to a flattened child session when `sessionId` is given). */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    this.writeText(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  /** Calls `fn` with every event of every session. */
  onEvent(fn: (e: CdpEvent) => void): void {
    this.listeners.push(fn);
  }

  /** Closes the connection (the browser keeps running). */
  close(): void {
    this.socket.end();
  }

  private writeText(text: string): void {
    const payload = Buffer.from(text);
    const mask = randomBytes(4);
    const len = payload.length;
    const head = len < 126 ? Buffer.from([0x81, 0x80 | len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    if (len >= 126 && len < 65536) {
      head[0] = 0x81; head[1] = 0x80 | 126; head.writeUInt16BE(len, 2);
    } else if (len >= 65536) {
      head[0] = 0x81; head[1] = 0x80 | 127; head.writeBigUInt64BE(BigInt(len), 2);
    }
    // Client frames must be masked (RFC 6455 §5.3).
    for (let i = 0; i < len; i++) payload[i]! ^= mask[i % 4]!;
    this.socket.write(Buffer.concat([head, mask, payload]));
  }

  private read(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) return;
      const fin = (this.buf[0]! & 0x80) !== 0, opcode = this.buf[0]! & 0x0f;
      let len = this.buf[1]! & 0x7f, off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2); off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2)); off = 10;
      }
      if (this.buf.length < off + len) return;
      const payload = this.buf.subarray(off, off + len);
      this.buf = this.buf.subarray(off + len);
      if (opcode === 0x9) this.socket.write(Buffer.concat([Buffer.from([0x8a, 0x80]), randomBytes(4)])); // pong (empty)
      if (opcode !== 0x1 && opcode !== 0x0) continue;
      this.fragments.push(Buffer.from(payload));
      if (!fin) continue;
      const text = Buffer.concat(this.fragments).toString('utf8');
      this.fragments = [];
      this.dispatch(JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string });
    }
  }

  private dispatch(m: { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string }): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error.message));
      else p?.resolve(m.result);
      return;
    }
    if (m.method) for (const fn of this.listeners) fn({ method: m.method, params: m.params ?? {}, sessionId: m.sessionId });
  }
}
