/**
 * Encryption at rest, hybrid so that writing never needs the passphrase: an RSA-OAEP key pair whose
 * public key seals new data keys (see data-keys.ts) and whose private key is stored only wrapped
 * under a key derived from the passphrase (vault-record.ts). Unlocking keeps the private key for
 * this browser session in `storage.session` (memory only); locking or closing the browser forgets it.
 */
import type { SelfviewDB } from '../db/schema';
import type { Opener } from '../db/sessions';
import { openerWith } from './data-keys';
import { anySealed, liveSessions, openSessions, sealSessions, type Progress } from './migrate';
import { deriveKey, newSalt, PBKDF2_ITERATIONS } from './passphrase';
import { OpenError } from './seal';
import { sealerFor } from './sealer-for';
import { unlockedKey } from './unlocked';
import { ENCRYPTION_META_KEY, readVault, RSA_PARAMS, type VaultRecord } from './vault-record';

export { sealerFor };

/** Shortest passphrase accepted: a guess costs a PBKDF2 run, but a very short one is still found quickly. */
export const MIN_PASSPHRASE = 8;
/** Passes over the calls still being written before disabling gives up (a call keeps writing sealed seconds). */
const MAX_PASSES = 5;
/** All uses, so the exported JWKs' `key_ops` allow importing each half for what it does (wrap / unwrap). */
const KEY_USES: KeyUsage[] = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];

/** Whether encryption at rest is on. */
export async function encryptionEnabled(db: SelfviewDB): Promise<boolean> {
  return (await readVault(db)) !== null;
}

/**
 * Turns encryption on: makes the key pair, stores the vault, keeps this browser session unlocked,
 * then seals every stored second and every call's notes and summary (`progress` in seconds).
 */
export async function enableEncryption(db: SelfviewDB, passphrase: string, progress?: Progress): Promise<void> {
  if (passphrase.length < MIN_PASSPHRASE) throw new Error(`The passphrase must have at least ${MIN_PASSPHRASE} characters.`);
  if (await readVault(db)) throw new Error('Encryption is already on.');
  const pair = await crypto.subtle.generateKey(RSA_PARAMS, true, KEY_USES);
  const salt = newSalt();
  const wrapping = await deriveKey(passphrase, salt);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const vault: VaultRecord = {
    v: 1,
    salt,
    iterations: PBKDF2_ITERATIONS,
    publicKey: await crypto.subtle.exportKey('jwk', pair.publicKey),
    wrappedPrivateKey: await crypto.subtle.wrapKey('jwk', pair.privateKey, wrapping, { name: 'AES-GCM', iv }),
    iv,
    createdAt: Date.now(),
    unfinished: true,
  };
  const stored = await db.transaction('rw', db.meta, async () => {
    if (await db.meta.get(ENCRYPTION_META_KEY)) return false;
    await db.meta.add({ key: ENCRYPTION_META_KEY, value: vault });
    return true;
  });
  if (!stored) throw new Error('Encryption is already on.');
  await keepUnlocked(vault, pair.privateKey);
  await finishEncryption(db, progress);
}

/** Whether sealing the records stored before encryption was turned on was interrupted (the page closed mid-way). */
export async function encryptionUnfinished(db: SelfviewDB): Promise<boolean> {
  return (await readVault(db))?.unfinished === true;
}

/** Seals what is still plain of the records stored before encryption was turned on, then marks the vault finished. Needs no passphrase. */
export async function finishEncryption(db: SelfviewDB, progress?: Progress): Promise<void> {
  const sealer = await sealerFor(db);
  if (!sealer) throw new Error('Encryption is off.');
  await sealSessions(db, sealer, await db.sessions.orderBy('startedAt').toArray(), progress);
  // A call running meanwhile may have written plain seconds after its turn: seal those too.
  await sealSessions(db, sealer, await liveSessions(db, Date.now()));
  await db.transaction('rw', db.meta, async () => {
    const rec = await db.meta.get(ENCRYPTION_META_KEY);
    if (rec) await db.meta.put({ key: ENCRYPTION_META_KEY, value: { ...(rec.value as VaultRecord), unfinished: false } });
  });
}

/**
 * Turns encryption off: opens every sealed record back to plain, then deletes the data keys and the
 * vault. Needs the unlocked vault (`opener`).
 */
export async function disableEncryption(db: SelfviewDB, opener: Opener, progress?: Progress): Promise<void> {
  const started = Date.now();
  await openSessions(db, opener, await db.sessions.orderBy('startedAt').toArray(), progress);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const live = await liveSessions(db, started);
    // Keys and vault go only once no record sealed with them is left; a call still writing sealed
    // seconds notices the vault is gone at its next batch and writes plain from then on.
    const done = await db.transaction('rw', [db.sessions, db.samples, db.keys, db.meta], async () => {
      if (await anySealed(db, live)) return false;
      await db.keys.clear();
      await db.meta.delete(ENCRYPTION_META_KEY);
      return true;
    });
    if (done) return lock();
    await openSessions(db, opener, live);
  }
  throw new Error('A call is still saving encrypted seconds. Try again when it has ended.');
}

/**
 * Opens the vault with the passphrase and keeps it open for this browser session.
 * A wrong passphrase throws `OpenError`.
 */
export async function unlock(db: SelfviewDB, passphrase: string): Promise<Opener> {
  const vault = await readVault(db);
  if (!vault) throw new Error('Encryption is off: there is nothing to unlock.');
  const wrapping = await deriveKey(passphrase, vault.salt, vault.iterations);
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.unwrapKey('jwk', vault.wrappedPrivateKey, wrapping, { name: 'AES-GCM', iv: vault.iv }, RSA_PARAMS, true, ['decrypt', 'unwrapKey']);
  } catch {
    throw new OpenError();
  }
  await keepUnlocked(vault, privateKey);
  return remember(db, vault.createdAt, privateKey);
}

/** The opener of the unlocked vault; null while locked or when encryption is off. */
export async function currentOpener(db: SelfviewDB): Promise<Opener | null> {
  const vault = await readVault(db);
  if (!vault) return null;
  if (memo?.db === db && memo.createdAt === vault.createdAt) {
    // Another page may have locked meanwhile: the session item is the truth.
    if ((await unlockedKey.getValue())?.vaultCreatedAt === vault.createdAt) return memo.opener;
    memo = null;
    return null;
  }
  const kept = await unlockedKey.getValue();
  if (kept?.vaultCreatedAt !== vault.createdAt) return null;
  const privateKey = await crypto.subtle.importKey('jwk', kept.privateKey, RSA_PARAMS, false, ['decrypt', 'unwrapKey']);
  return remember(db, vault.createdAt, privateKey);
}

/** Forgets the unlocked key: reading needs the passphrase again (writing goes on). */
export async function lock(): Promise<void> {
  memo = null;
  await unlockedKey.setValue(null);
}

/** The opener built last in this page, so unwrapped data keys are reused across reads. */
let memo: { db: SelfviewDB; createdAt: number; opener: Opener } | null = null;

function remember(db: SelfviewDB, createdAt: number, privateKey: CryptoKey): Opener {
  const opener = openerWith(db, privateKey);
  memo = { db, createdAt, opener };
  return opener;
}

async function keepUnlocked(vault: VaultRecord, privateKey: CryptoKey): Promise<void> {
  await unlockedKey.setValue({ vaultCreatedAt: vault.createdAt, privateKey: await crypto.subtle.exportKey('jwk', privateKey) });
}
