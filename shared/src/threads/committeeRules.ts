import { z } from 'zod';
import type { Committee } from '../committee/committee.ts';

/** Hard caps that no committee can raise: they bound what the store and the audit log ever hold. */
export const threadLimits = {
  commentBody: 10_000,
  explanation: 2_000,
  reason: 1_000,
  quote: 500,
  floorK: 50,
} as const;

/**
 * The thread rules a committee may tune. Data, not code: a committee overrides a field by giving it,
 * everything else keeps the default.
 */
export const threadRulesSchema = z.object({
  /** Alternating floor: a group's comments waiting once its run of consecutive comments exceeds this. */
  floorK: z.number().int().min(1).max(threadLimits.floorK).default(2),
  /** Whether new threads start with the alternating floor on (a chair switches it per thread). */
  floorOnByDefault: z.boolean().default(false),
  maxCommentLength: z.number().int().min(1).max(threadLimits.commentBody).default(4_000),
  maxExplanationLength: z.number().int().min(1).max(threadLimits.explanation).default(1_000),
  /** Chairs' written reasons (override, reject, hide) and answers to flags. */
  maxReasonLength: z.number().int().min(1).max(threadLimits.reason).default(500),
  /** Comment creation rate limit per user, enforced by the server. */
  commentsPerMinute: z.number().int().min(1).max(600).default(10),
});
export type ThreadRules = z.infer<typeof threadRulesSchema>;
export type ThreadRulesOverrides = z.input<typeof threadRulesSchema>;

/** The defaults every committee starts from. */
export const defaultThreadRules: ThreadRules = threadRulesSchema.parse({});

/** Per-committee overrides, by committee id. The NSA committee keeps the defaults. */
export const threadRulesByCommittee: Readonly<Record<string, ThreadRulesOverrides>> = {
  'npt-nsa': {},
};

/**
 * The rules for a committee: defaults, then the committee's overrides, then `overrides` (e.g. from the server's
 * configuration). Throws on an invalid value, so that a misconfiguration stops the server at start.
 */
export function threadRulesFor(committee: Pick<Committee, 'id'>, overrides: ThreadRulesOverrides = {}): ThreadRules {
  return threadRulesSchema.parse({ ...threadRulesByCommittee[committee.id], ...overrides });
}
