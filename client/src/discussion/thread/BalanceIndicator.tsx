import { useTranslation } from 'react-i18next';
import { nsaCommittee, type ThreadBalance } from '@concord/shared';
import { useDiscussion } from '../DiscussionContext.ts';
import './balance.css';

/** The indicator's state as a class suffix: none, all, or only-<group> (only-nws, only-nnws). */
export function balanceState(balance: ThreadBalance): string {
  const indicator = balance.indicator;
  if (indicator.kind !== 'only') return indicator.kind;
  return `only-${indicator.heard.join('-').toLowerCase()}`;
}

/**
 * Who has taken part in a thread: comments per group ("Comments: NWS 1 · NNWS 2"), in words whether only one group has
 * been heard, and, in full, which delegations spoke for each group and how many observer comments (never counted).
 * The mark's fill tells the same (left half NWS, right half NNWS), never colour alone.
 */
export function BalanceIndicator({ balance, full }: { balance: ThreadBalance; full: boolean }) {
  const { t } = useTranslation('discussion');
  const { strings } = useDiscussion();
  const state = balanceState(balance);
  const indicator = balance.indicator;
  const groupName = (id: string) => nsaCommittee.groups.find((group) => group.id === id)?.name[strings.language] ?? id;
  const label =
    indicator.kind === 'none'
      ? t('balance.none')
      : indicator.kind === 'all'
        ? t('balance.all')
        : t('balance.only', { groups: indicator.heard.join(', '), missing: indicator.missing.join(', ') });
  return (
    <div className={`balance balance--${state}`} role="status" data-testid="balance" data-balance={state}>
      <span className="balance__mark" aria-hidden="true" />
      <span className="balance__counts">
        {/* Said "comments", so that the gutter's edits per group ("NWS 0 · NNWS 1" beside a paragraph) are not read as these. */}
        <span className="balance__what">{t('balance.comments')}</span>{' '}
        {balance.groups.map((group, index) => (
          <span key={group.groupId}>
            {index > 0 && ' · '}
            <abbr title={groupName(group.groupId)}>{group.groupId}</abbr> {group.comments}
          </span>
        ))}
      </span>
      <span className="balance__state">{label}</span>
      {full && (
        <span className="balance__details">
          {balance.groups
            .filter((group) => group.delegations.length > 0)
            .map((group) => t('balance.delegations', { group: group.groupId, delegations: group.delegations.join(', ') }))
            .join(' · ')}
          {balance.observerComments > 0 && (
            <span className="balance__observers">
              {balance.delegations.length > 0 && ' · '}
              {t('balance.observers', { count: balance.observerComments })}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
