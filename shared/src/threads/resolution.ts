import { nsaCommittee, type Committee } from '../committee/committee.ts';
import { can, type Actor } from '../policy/permissions.ts';
import { threadBalance } from './balance.ts';
import { defaultThreadRules, type ThreadRules } from './committeeRules.ts';
import { hasControlCharacters, type ThreadComment, type Thread } from './schemas.ts';

export type ResolutionDecision =
  /** `overrideReason` is the trimmed reason to record, or null when every group took part. */
  | { ok: true; code: 'all-groups-heard' | 'chair-override'; overrideReason: string | null }
  | {
      ok: false;
      code: 'forbidden' | 'already-resolved' | 'one-sided' | 'override-reason-too-long' | 'override-reason-invalid';
      detail: string;
    };

/**
 * Whether `actor` may resolve `thread` now. Only after every group has taken part (published comments by
 * delegates; observers and chairs do not count), unless a chair overrides with a written reason, which the
 * caller records. A reason given for a balanced thread is not recorded: there was nothing to override.
 */
export function decideResolution(
  actor: Actor,
  thread: Pick<Thread, 'state'>,
  comments: readonly ThreadComment[],
  overrideReason: string | undefined,
  rules: ThreadRules = defaultThreadRules,
  committee: Committee = nsaCommittee,
): ResolutionDecision {
  if (!can(actor, 'document.moderate')) return { ok: false, code: 'forbidden', detail: 'only a chair resolves a thread' };
  if (thread.state === 'resolved') return { ok: false, code: 'already-resolved', detail: 'the thread is already resolved' };
  const indicator = threadBalance(comments, committee).indicator;
  if (indicator.kind === 'all') return { ok: true, code: 'all-groups-heard', overrideReason: null };
  const reason = overrideReason?.trim() ?? '';
  const missing = indicator.kind === 'none' ? committee.groups.map((group) => group.id) : indicator.missing;
  if (reason === '') {
    return { ok: false, code: 'one-sided', detail: `not every group has taken part (missing: ${missing.join(', ')}); a chair may override with a written reason` };
  }
  if (reason.length > rules.maxReasonLength) {
    return { ok: false, code: 'override-reason-too-long', detail: `an override reason is at most ${rules.maxReasonLength} characters` };
  }
  if (hasControlCharacters(reason)) return { ok: false, code: 'override-reason-invalid', detail: 'an override reason contains control characters' };
  return { ok: true, code: 'chair-override', overrideReason: reason };
}
