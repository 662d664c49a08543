/**
 * The sealer of the current vault, from the public key in the database alone — so it works where
 * there is no `storage` API (the offscreen document) and needs no passphrase.
 */
import type { SelfviewDB } from '../db/schema';
import type { Sealer } from '../db/sessions';
import { sealerWith } from './data-keys';
import { readVault, RSA_PARAMS } from './vault-record';

let cached: { createdAt: number; sealer: Sealer } | null = null;

/** A sealer for new records while encryption is on; null when it is off. */
export async function sealerFor(db: SelfviewDB): Promise<Sealer | null> {
  const vault = await readVault(db);
  if (!vault) return null;
  // One import per vault: the record's createdAt tells a re-created vault from the old one.
  if (cached?.createdAt !== vault.createdAt) {
    const publicKey = await crypto.subtle.importKey('jwk', vault.publicKey, RSA_PARAMS, false, ['wrapKey']);
    cached = { createdAt: vault.createdAt, sealer: sealerWith(publicKey) };
  }
  return cached.sealer;
}
