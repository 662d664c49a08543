/** What the background's handlers share about senders: the type, and the one refusal message. */

/** A message's sender as the browser describes it. */
export type Sender = chrome.runtime.MessageSender;

/** The error every handler answers a sender it does not accept with. */
export const NOT_ALLOWED = 'Not allowed from this sender.';
