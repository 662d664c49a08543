/**
 * Keys from a passphrase: PBKDF2-SHA-256 with a random salt. The passphrase and the derived key are
 * never stored; only the salt and the iteration count are, beside what the key protects.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256: slow enough to make guessing costly, ~0.3 s here. */
export const PBKDF2_ITERATIONS = 600_000;

/** A fresh 16-byte salt. */
export function newSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(16));
}

/** Derives a non-extractable AES-GCM key from a passphrase, used to encrypt and to wrap other keys. */
export async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number = PBKDF2_ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'],
  );
}
