import { ledgerMessageSchema, type LedgerMessage, type ParagraphAttribution } from '@concord/shared';

/** Attribution per paragraph id, as the server last told it (message 101). Clients only read it. */
export type Ledger = ReadonlyMap<string, ParagraphAttribution>;

export const emptyLedger: Ledger = new Map();

/** The ledger message in a JSON text, or null when it is not one (it crossed the network: never trusted blindly). */
export function parseLedgerMessage(json: string): LedgerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = ledgerMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A `full` message replaces the ledger; otherwise the listed paragraphs replace theirs and the rest stays. */
export function mergeLedger(current: Ledger, message: LedgerMessage): Ledger {
  const next = new Map(message.full ? [] : current);
  for (const [paragraphId, attribution] of Object.entries(message.paragraphs)) next.set(paragraphId, attribution);
  return next;
}
