/**
 * Saving a file from an extension page without the `downloads` permission: a temporary link with
 * the `download` attribute to an object URL, clicked once. For pages only (it needs a document).
 */

/** Offers `blob` as a download named `filename`. */
export function downloadBlob(filename: string, blob: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoked on a later task: some browsers start reading the URL only after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
