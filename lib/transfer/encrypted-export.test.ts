// Protects passphrase-encrypted files: the right passphrase gives back the exact text, a wrong one
// or a changed byte is refused with a clear message, and the envelope holds nothing readable.
import { describe, expect, it } from 'vitest';
import { decryptText, encryptText } from './encrypted-export';
import { ImportError, parseImport } from './import';

// The real iteration count in one test; the others use the schema's minimum to stay fast.
const FAST = 100_000;
const TEXT = '{"format":"selfview-export","note":"Grüße 🎤 <script>"}\n';

async function envelopeOf(text: string, pass: string, iterations: number | 'default' = FAST) {
  const p = parseImport(await (iterations === 'default' ? encryptText(text, pass) : encryptText(text, pass, iterations)));
  if (p.kind !== 'encrypted') throw new Error(`expected an encrypted file, got ${p.kind}`);
  return p.envelope;
}

describe('encrypted export', () => {
  it('decrypts to the exact text with the right passphrase (default iterations)', async () => {
    const env = await envelopeOf(TEXT, 'correct horse', 'default');
    expect(env).toMatchObject({ format: 'selfview-encrypted', version: 1, iterations: 600_000 });
    expect(JSON.stringify(env)).not.toContain('Grüße');
    expect(await decryptText(env, 'correct horse')).toBe(TEXT);
  });

  it('refuses a wrong passphrase with a clear message', async () => {
    const env = await envelopeOf(TEXT, 'correct horse');
    const err = await decryptText(env, 'wrong horse').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toBe('The file could not be decrypted: the passphrase is wrong, or the file was changed after it was encrypted.');
  });

  it('refuses a changed file', async () => {
    const env = await envelopeOf(TEXT, 'pw');
    const flipped = env.data[0] === 'A' ? `B${env.data.slice(1)}` : `A${env.data.slice(1)}`;
    await expect(decryptText({ ...env, data: flipped }, 'pw')).rejects.toThrow('the passphrase is wrong, or the file was changed');
  });

  it('uses a fresh salt and nonce every time', async () => {
    const [a, b] = await Promise.all([envelopeOf(TEXT, 'pw'), envelopeOf(TEXT, 'pw')]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
  });
});
