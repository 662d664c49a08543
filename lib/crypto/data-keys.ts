/**
 * Data keys: every writer seals with a fresh AES-GCM-256 key, stored only wrapped with the vault's
 * RSA public key (a `KeyRecord`). The `Sealer` needs just the public key; the `Opener` needs the
 * unlocked private key and unwraps each data key once.
 */
import type { KeyRecord, Sealed, SelfviewDB } from '../db/schema';
import type { Opener, Sealer } from '../db/sessions';
import { OpenError, openJson, sealJson } from './seal';

const OAEP = { name: 'RSA-OAEP' } as const;

/** A `Sealer` that wraps new data keys with `publicKey` (RSA-OAEP). */
export function sealerWith(publicKey: CryptoKey): Sealer {
  return {
    async newKey(sessionId: string) {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
      const record: KeyRecord = { id: crypto.randomUUID(), sessionId, wrapped: await crypto.subtle.wrapKey('raw', key, publicKey, OAEP), createdAt: Date.now() };
      return {
        record,
        async seal(value: unknown): Promise<Sealed> {
          const { iv, data } = await sealJson(key, value);
          return { keyId: record.id, iv, data };
        },
      };
    },
  };
}

/** Thrown when a sealed value names a data key that is not stored (it was deleted with its session, or never written). */
export class MissingKeyError extends Error {
  constructor(keyId: string) {
    super(`The key of an encrypted record is missing (${keyId}); that record cannot be read.`);
    this.name = 'MissingKeyError';
  }
}

/** An `Opener` with the unlocked private key; data keys are read from `db.keys` and unwrapped once each. */
export function openerWith(db: SelfviewDB, privateKey: CryptoKey): Opener {
  const keys = new Map<string, Promise<CryptoKey>>();
  const dataKey = (keyId: string): Promise<CryptoKey> => {
    let k = keys.get(keyId);
    if (!k) {
      k = (async () => {
        const rec = await db.keys.get(keyId);
        if (!rec) throw new MissingKeyError(keyId);
        try {
          return await crypto.subtle.unwrapKey('raw', rec.wrapped, privateKey, OAEP, { name: 'AES-GCM' }, false, ['decrypt']);
        } catch {
          throw new OpenError();
        }
      })();
      // A failure is not cached: the key may be written a moment later (a writer's first batch).
      k.catch(() => keys.delete(keyId));
      keys.set(keyId, k);
    }
    return k;
  };
  return {
    async open<T>(sealed: Sealed): Promise<T> {
      return openJson<T>(await dataKey(sealed.keyId), sealed);
    },
  };
}
