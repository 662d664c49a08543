/**
 * Where the unlocked private key lives: `storage.session`, which the browser keeps in memory only
 * and clears when it closes — so the passphrase is asked once per browser session, never stored,
 * and the key never reaches the disk. Content scripts cannot read this area (Chrome's default
 * access level for it is trusted extension contexts only).
 */
import { storage } from 'wxt/utils/storage';

/** The unlocked private key of the vault created at `vaultCreatedAt`, as a JWK. */
export interface UnlockedKey {
  vaultCreatedAt: number;
  privateKey: JsonWebKey;
}

/** `session:vault-key`: the unlocked key while unlocked, null while locked. */
export const unlockedKey = storage.defineItem<UnlockedKey | null>('session:vault-key', { fallback: null });
