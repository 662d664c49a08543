/**
 * AES-GCM over JSON: the one way Selfview encrypts a value. GCM authenticates, so a wrong key or a
 * changed byte fails to open instead of yielding garbage.
 */

/** A value encrypted with `sealJson`: a fresh 12-byte nonce and the ciphertext. */
export interface SealedBytes {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** Thrown when a sealed value cannot be opened: wrong key or passphrase, or changed data. */
export class OpenError extends Error {
  constructor() {
    super('The data could not be decrypted: the passphrase is wrong or the data was changed.');
    this.name = 'OpenError';
  }
}

/** Encrypts the JSON of `value` with an AES-GCM key. */
export async function sealJson(key: CryptoKey, value: unknown): Promise<SealedBytes> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

/** Decrypts what `sealJson` made; throws `OpenError` for a wrong key or changed bytes. */
export async function openJson<T>(key: CryptoKey, sealed: { iv: Uint8Array; data: ArrayBuffer }): Promise<T> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(sealed.iv) }, key, sealed.data);
  } catch {
    throw new OpenError();
  }
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
