/**
 * A call frame's lifeline to the background. A frame that is removed from its page cannot say
 * goodbye (a message sent while its document is torn down never arrives), but the browser closes
 * its ports: the background hears `onDisconnect` and forgets the frame — ending the session when
 * that frame held the call. The port's name carries the frame's document id; nothing else travels.
 */

const PREFIX = 'selfview-call-frame:';

/** The port name for the document `doc`. */
export const framePortName = (doc: string): string => `${PREFIX}${doc}`;

/** The document id in a call-frame port's name, or null for any other port. */
export function docOfFramePort(name: string): string | null {
  if (!name.startsWith(PREFIX)) return null;
  const doc = name.slice(PREFIX.length);
  return /^[\w-]{1,64}$/.test(doc) ? doc : null;
}
