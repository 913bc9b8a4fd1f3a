import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotSummary } from '@concord/shared';
import { Button } from '../../components/Button.tsx';
import { asLanguage } from '../../i18n/language.ts';
import { ExportPanel } from '../exports/ExportPanel.tsx';
import { CheckBadge } from './CheckBadge.tsx';
import { CopyHash } from './CopyHash.tsx';
import type { SnapshotCheckState } from './useSnapshotChecks.ts';

export interface SnapshotTableProps {
  snapshots: readonly SnapshotSummary[];
  checks: ReadonlyMap<string, SnapshotCheckState>;
  keyId: string | null;
  /** The snapshot whose download row is open (one at a time), or null. */
  open: string | null;
  onOpen: (snapshotId: string | null) => void;
}

/**
 * The snapshots, newest first: number, name, when and by whom, how much was agreed, the fingerprint to copy, and
 * whether the hash and signature hold. Each row opens its download panel beneath it.
 */
export function SnapshotTable({ snapshots, checks, keyId, open, onOpen }: SnapshotTableProps) {
  const { t, i18n } = useTranslation('snapshots');
  const language = asLanguage(i18n.language);
  const when = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }), [language]);
  const newestFirst = [...snapshots].sort((first, second) => second.number - first.number);
  return (
    <div className="table-scroll">
      <table className="table snapshot-table" data-testid="snapshot-table">
        <caption className="visually-hidden">{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.columns.number')}</th>
            <th scope="col">{t('list.columns.name')}</th>
            <th scope="col">{t('list.columns.taken')}</th>
            <th scope="col">{t('list.columns.agreed')}</th>
            <th scope="col">{t('list.columns.sha256')}</th>
            <th scope="col">{t('list.columns.check')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('list.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((snapshot) => {
            const panelId = `snapshot-export-${snapshot.id}`;
            const isOpen = open === snapshot.id;
            return (
              <Fragment key={snapshot.id}>
                <tr data-testid="snapshot-row" data-snapshot-id={snapshot.id} className={isOpen ? 'snapshot-table__row--open' : undefined}>
                  <td className="snapshot-table__number">{snapshot.number}</td>
                  <th scope="row" dir="auto">
                    {snapshot.name}
                  </th>
                  <td>
                    <time dateTime={snapshot.createdAt}>{when.format(new Date(snapshot.createdAt))}</time>
                    <span className="snapshot-table__by">
                      {t('list.by', { name: snapshot.createdBy.name, affiliation: snapshot.createdBy.affiliation === '' ? '' : ` (${snapshot.createdBy.affiliation})` })}
                    </span>
                  </td>
                  <td>{t('list.agreed', { agreed: snapshot.agreed, total: snapshot.paragraphs })}</td>
                  <td>
                    <CopyHash sha256={snapshot.sha256} label={t('list.copyHash', { number: snapshot.number })} />
                  </td>
                  <td>
                    <CheckBadge state={checks.get(snapshot.id) ?? 'checking'} keyId={keyId} />
                  </td>
                  <td>
                    <Button
                      variant={isOpen ? 'secondary' : 'quiet'}
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? panelId : undefined}
                      onClick={() => onOpen(isOpen ? null : snapshot.id)}
                    >
                      {t('list.download')}
                      <span className="visually-hidden"> {t('list.downloadWhich', { number: snapshot.number })}</span>
                    </Button>
                  </td>
                </tr>
                {isOpen && (
                  <tr className="table__row--form">
                    <td colSpan={7} id={panelId}>
                      <ExportPanel target={{ kind: 'snapshot', snapshotId: snapshot.id, number: snapshot.number }} label={t('list.downloadOf', { number: snapshot.number })} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
