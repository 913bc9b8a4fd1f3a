import type { CreationRefusal, ModerationRefusal } from '@concord/shared';

type Refusal = CreationRefusal | ModerationRefusal;

const statusOfRefusal: Record<Refusal, 403 | 404 | 409 | 422> = {
  forbidden: 403,
  'own-comment': 403,
  'not-a-delegation': 403,
  'not-found': 404,
  'wrong-thread': 422,
  'too-long': 422,
  'reason-too-long': 422,
  'override-reason-too-long': 422,
  'override-reason-invalid': 422,
  'unknown-target': 422,
  locked: 409,
  resolved: 409,
  'not-queued': 409,
  'not-published': 409,
  'already-locked': 409,
  'not-locked': 409,
  'already-pinned': 409,
  'not-pinned': 409,
  'already-resolved': 409,
  'not-resolved': 409,
  'one-sided': 409,
  'already-answered': 409,
};

/**
 * The HTTP answer to a refusal of the shared rules: 403 who may not, 404 what is not there, 409 what the
 * thread's state does not allow now, 422 what the committee's rules refuse in the input. The code is the
 * rule's code in the API's snake case; a locked or resolved thread says so in its code.
 */
export function refusalStatus(code: Refusal): { status: 403 | 404 | 409 | 422; code: string } {
  const named = code === 'locked' || code === 'resolved' ? `thread-${code}` : code;
  return { status: statusOfRefusal[code], code: named.replaceAll('-', '_') };
}
