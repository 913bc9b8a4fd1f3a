import { useTranslation } from 'react-i18next';
import { documentKindLabels, nsaCommittee, type DocumentKind, type ProgressReport } from '@concord/shared';
import { asLanguage } from '../i18n/language.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/routes.ts';

/** The documents by phase (their kind), each with its paragraphs agreed, ad ref. and still in draft. */
export function DocumentsTable({ report }: { report: ProgressReport }) {
  const { t, i18n } = useTranslation('reports');
  const language = asLanguage(i18n.language);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const kinds = [...new Set(report.documents.map((document) => document.kind))] as DocumentKind[];
  if (report.documents.length === 0) return <p className="muted">{t('documents.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="table report-table" data-testid="report-documents">
        <caption className="visually-hidden">{t('documents.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.document')}</th>
            <th scope="col">{t('documents.session')}</th>
            <th scope="col" className="report-table__number">{t('documents.paragraphs')}</th>
            <th scope="col" className="report-table__number">{t('documents.agreed')}</th>
            <th scope="col" className="report-table__number">{t('documents.agreedAdRef')}</th>
            <th scope="col" className="report-table__number">{t('documents.draft')}</th>
            <th scope="col" className="report-table__number">{t('documents.snapshots')}</th>
          </tr>
        </thead>
        {kinds.map((kind) => (
          <tbody key={kind}>
            <tr className="report-table__phase">
              <th scope="colgroup" colSpan={7}>
                {documentKindLabels[kind][language]}
              </th>
            </tr>
            {report.documents
              .filter((document) => document.kind === kind)
              .map((document) => (
                <tr key={document.id}>
                  <th scope="row">
                    <Link to={paths.document(document.id)} dir="auto">
                      {document.title}
                    </Link>
                    {document.countedIn !== null && (
                      <span className="report-table__counted">
                        {t('documents.countedIn', { number: document.countedIn.number, date: dateFormat.format(new Date(document.countedIn.createdAt)) })}
                      </span>
                    )}
                  </th>
                  <td dir="auto">{document.session}</td>
                  <td className="report-table__number">{document.paragraphs}</td>
                  <td className="report-table__number">
                    {document.agreed}
                    {document.paragraphs > 0 && <span className="report-table__share"> ({percent.format(document.agreed / document.paragraphs)})</span>}
                  </td>
                  <td className="report-table__number">{document.agreedAdRef}</td>
                  <td className="report-table__number">{document.draft}</td>
                  <td className="report-table__number">{document.snapshots}</td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** Threads opened, resolved (with overrides) and still open at the end of the period. */
export function ThreadFigures({ report }: { report: ProgressReport }) {
  const { t } = useTranslation('reports');
  const { opened, resolved, resolvedWithOverride, openAtEnd } = report.threads;
  return (
    <dl className="report-figures" data-testid="report-threads">
      <div>
        <dt>{t('threads.opened')}</dt>
        <dd>{opened}</dd>
      </div>
      <div>
        <dt>{t('threads.resolved')}</dt>
        <dd>
          {resolved}
          {resolvedWithOverride > 0 && <span className="report-figures__note"> {t('threads.withOverride', { count: resolvedWithOverride })}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('threads.openAtEnd')}</dt>
        <dd>{openAtEnd}</dd>
      </div>
    </dl>
  );
}

/** Per group: active delegations, edits, comments; observers apart; the chair and secretariat as presiding. */
export function ParticipationTable({ report }: { report: ProgressReport }) {
  const { t, i18n } = useTranslation('reports');
  const language = asLanguage(i18n.language);
  const groupName = (groupId: string) => nsaCommittee.groups.find((group) => group.id === groupId)?.name[language] ?? groupId;
  const { groups, observers, presiding } = report.participation;
  return (
    <div className="table-scroll">
      <table className="table report-table" data-testid="report-participation">
        <caption className="visually-hidden">{t('participation.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('participation.who')}</th>
            <th scope="col">{t('participation.active')}</th>
            <th scope="col" className="report-table__number">{t('participation.edits')}</th>
            <th scope="col" className="report-table__number">{t('participation.comments')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.groupId}>
              <th scope="row">
                {group.groupId} <span className="report-table__group-name">{groupName(group.groupId)}</span>
              </th>
              <td>
                {t('participation.delegations', { count: group.activeDelegations.length })}
                {group.activeDelegations.length > 0 && <span className="report-table__codes">: {group.activeDelegations.join(', ')}</span>}
              </td>
              <td className="report-table__number">{group.edits}</td>
              <td className="report-table__number">{group.comments}</td>
            </tr>
          ))}
          <tr className="report-table__apart">
            <th scope="row">
              {t('participation.observers')} <span className="report-table__group-name">{t('participation.observersNote')}</span>
            </th>
            <td>
              {t('participation.organisations', { count: observers.organisations.length })}
              {observers.organisations.length > 0 && <span className="report-table__codes">: {observers.organisations.join(', ')}</span>}
            </td>
            <td className="report-table__number">{t('participation.notApplicable')}</td>
            <td className="report-table__number">{observers.comments}</td>
          </tr>
          <tr className="report-table__apart">
            <th scope="row">{t('participation.presiding')}</th>
            <td>{t('participation.presidingNote')}</td>
            <td className="report-table__number">{presiding.edits}</td>
            <td className="report-table__number">{presiding.comments}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
