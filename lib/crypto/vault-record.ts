/**
 * The vault's one stored record (`meta` key `encryption`): the public key in the clear, the private
 * key only wrapped under the passphrase-derived key. Neither the passphrase nor the derived key is
 * stored, so without the passphrase the private key — and with it every data key — stays closed.
 */
import type { SelfviewDB } from '../db/schema';

/** The `meta` key of the vault record. */
export const ENCRYPTION_META_KEY = 'encryption';

/** The stored vault (shape version 1). */
export interface VaultRecord {
  v: 1;
  /** PBKDF2 salt (16 bytes). */
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  /** RSA-OAEP-2048 (SHA-256) public key, to wrap new data keys without the passphrase. */
  publicKey: JsonWebKey;
  /** The private key's JWK, AES-GCM-encrypted with the passphrase-derived key. */
  wrappedPrivateKey: ArrayBuffer;
  /** AES-GCM nonce of `wrappedPrivateKey`. */
  iv: Uint8Array<ArrayBuffer>;
  /** ms since the epoch; also tells one vault from a later one (an unlocked key of an old vault is ignored). */
  createdAt: number;
  /** True until every record stored before enabling has been sealed (an interrupted pass is finished later). */
  unfinished?: boolean;
}

/** RSA-OAEP parameters of the key pair (2048 bits, SHA-256). */
export const RSA_PARAMS: RsaHashedKeyGenParams = { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

/** The stored vault record, or null when encryption is off (anything malformed counts as an error, not as "off"). */
export async function readVault(db: SelfviewDB): Promise<VaultRecord | null> {
  const rec = await db.meta.get(ENCRYPTION_META_KEY);
  if (!rec) return null;
  const v = rec.value as Partial<VaultRecord> | null;
  // Reading a damaged vault as "off" would make writers store plain data again; say it instead.
  if (!v || v.v !== 1 || !(v.salt instanceof Uint8Array) || !(v.iv instanceof Uint8Array) || !(v.wrappedPrivateKey instanceof ArrayBuffer) || typeof v.publicKey !== 'object' || !Number.isFinite(v.createdAt) || !Number.isInteger(v.iterations)) {
    throw new Error('The stored encryption settings are damaged.');
  }
  return v as VaultRecord;
}
