import { delegationByCode, nsaCommittee, type Committee } from '../committee/committee.ts';

// "@FRA" standing alone: not inside an email address or a word ("x@FRA"), not the start of a longer code ("@FRANCE").
const mentionPattern = /(?<![\p{L}\p{N}_@.])@([A-Z]{3})(?![\p{L}\p{N}_])/gu;

/** The delegations mentioned in a body (for notifications): codes the committee knows, each once, in order of first mention. */
export function mentionedDelegations(body: string, committee: Committee = nsaCommittee): string[] {
  const codes: string[] = [];
  for (const match of body.matchAll(mentionPattern)) {
    const code = match[1];
    if (code === undefined || codes.includes(code)) continue;
    if (delegationByCode(code, committee) !== undefined) codes.push(code);
  }
  return codes;
}
