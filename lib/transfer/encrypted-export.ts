/**
 * Passphrase-encrypted files: the JSON text of an export or coach packet inside an envelope
 * `{format: "selfview-encrypted", version: 1, salt, iterations, iv, data}` (base64 fields). The key is
 * PBKDF2-SHA-256 of the passphrase (lib/crypto/passphrase.ts), the cipher AES-GCM (lib/crypto/seal.ts),
 * which authenticates: a wrong passphrase or a changed byte fails instead of giving garbage.
 */
import { deriveKey, newSalt, PBKDF2_ITERATIONS } from '../crypto/passphrase';
import { openJson, sealJson } from '../crypto/seal';
import { fromBase64, toBase64 } from './base64';
import { ENCRYPTED_FORMAT, envelopeSchema, type EncryptedEnvelope } from './export-schema';
import { ImportError } from './parse-json';

/** Encrypts `text` with `passphrase`; returns the envelope's JSON text (what is saved to the file). */
export async function encryptText(text: string, passphrase: string, iterations: number = PBKDF2_ITERATIONS): Promise<string> {
  if (!passphrase) throw new Error('A passphrase is needed to encrypt the file.');
  const salt = newSalt();
  const sealed = await sealJson(await deriveKey(passphrase, salt, iterations), text);
  const envelope: EncryptedEnvelope = {
    format: ENCRYPTED_FORMAT,
    version: 1,
    salt: toBase64(salt),
    iterations,
    iv: toBase64(sealed.iv),
    data: toBase64(new Uint8Array(sealed.data)),
  };
  return `${JSON.stringify(envelope)}\n`;
}

/** Decrypts an envelope (from `parseImport`) to the text inside; a wrong passphrase or changed file throws `ImportError`. */
export async function decryptText(envelope: EncryptedEnvelope, passphrase: string): Promise<string> {
  const e = envelopeSchema.safeParse(envelope);
  if (!e.success) throw new ImportError('The encrypted file is damaged: its envelope is not valid.');
  const { salt, iterations, iv, data } = e.data;
  let text: unknown;
  try {
    const key = await deriveKey(passphrase, fromBase64(salt), iterations);
    text = await openJson<unknown>(key, { iv: fromBase64(iv), data: fromBase64(data).buffer });
  } catch {
    throw new ImportError('The file could not be decrypted: the passphrase is wrong, or the file was changed after it was encrypted.');
  }
  if (typeof text !== 'string') throw new ImportError('The encrypted file does not hold a Selfview file.');
  return text;
}
