/**
 * The history page's downloads: a JSON export (optionally encrypted with a passphrase), the CSV zip,
 * a coach packet, and printing a session's report. The work is lib/transfer's; this names the files.
 */
import { getDB } from '@/lib/db/schema';
import type { Opener } from '@/lib/db/sessions';
import { buildCoachPacket, serializePacket } from '@/lib/transfer/coach-packet';
import { exportCsvZip } from '@/lib/transfer/csv';
import { downloadBlob } from '@/lib/transfer/download';
import { encryptText } from '@/lib/transfer/encrypted-export';
import { buildExport, serializeExport, type ExportSelection } from '@/lib/transfer/export';

/** Today as yyyy-mm-dd (local), for file names. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const json = (text: string) => new Blob([text], { type: 'application/json' });

/** Downloads the selected sessions as a Selfview export; encrypted when a passphrase is given. */
export async function exportJson(sel: ExportSelection, opener: Opener | null, passphrase: string): Promise<void> {
  const text = serializeExport(await buildExport(getDB(), sel, opener ?? undefined));
  if (passphrase) downloadBlob(`selfview-export-${today()}-encrypted.json`, json(await encryptText(text, passphrase)));
  else downloadBlob(`selfview-export-${today()}.json`, json(text));
}

/** Downloads the selected sessions as a zip of CSV files (one per table), for spreadsheets. */
export async function exportCsv(sel: ExportSelection, opener: Opener | null): Promise<void> {
  const zip = exportCsvZip(await buildExport(getDB(), sel, opener ?? undefined));
  downloadBlob(`selfview-export-${today()}-csv.zip`, new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
}

/** Downloads a coach packet of the selected sessions under the person's chosen display name. */
export async function exportPacket(sel: ExportSelection, opts: { displayName: string; perMinute: boolean }, opener: Opener | null, passphrase: string): Promise<void> {
  const text = serializePacket(await buildCoachPacket(getDB(), sel, { ...opts, now: Date.now() }, opener ?? undefined));
  const slug = opts.displayName.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'packet';
  if (passphrase) downloadBlob(`selfview-coach-${slug}-${today()}-encrypted.json`, json(await encryptText(text, passphrase)));
  else downloadBlob(`selfview-coach-${slug}-${today()}.json`, json(text));
}

/**
 * Prints a session's report (the browser's dialog offers "Save as PDF"): the report page is loaded
 * in an off-screen frame at page width, printed once its content is there, then removed.
 */
export async function printReport(sessionId: string): Promise<void> {
  const frame = document.createElement('iframe');
  frame.className = 'print-frame';
  frame.title = 'report';
  frame.src = `/report.html?session=${encodeURIComponent(sessionId)}`;
  document.body.append(frame);
  try {
    const deadline = Date.now() + 15_000;
    while (!frame.contentDocument?.querySelector('[data-testid=report], h1')) {
      if (Date.now() > deadline) throw new Error('The report did not load.');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The report's charts draw on the next frames.
    await new Promise((r) => setTimeout(r, 300));
    frame.contentWindow!.print();
  } finally {
    // print() blocks until the dialog closes; a short delay keeps the frame for browsers that return early.
    setTimeout(() => frame.remove(), 1000);
  }
}
