import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressReport, ReportPeriod } from '@concord/shared';
import { getProgressReport } from '../api/reports.ts';
import { Button } from '../components/Button.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { asLanguage } from '../i18n/language.ts';
import { ParticipationChart } from '../reports/ParticipationChart.tsx';
import { ReportDownloads } from '../reports/ReportDownloads.tsx';
import { ReportPeriodForm } from '../reports/ReportPeriodForm.tsx';
import { periodFromQuery, presetPeriod, todayUtc } from '../reports/reportPeriods.ts';
import { DocumentsTable, ParticipationTable, ThreadFigures } from '../reports/ReportTables.tsx';
import { navigate } from '../routing/history.ts';
import { paths } from '../routing/routes.ts';
import '../reports/reports.css';
import { addNamespaces } from '../i18n/namespaces.ts';
import { reportsTexts } from '../reports/i18n/texts.ts';

// This screen's texts come with its code, not in the first download.
addNamespaces({ reports: reportsTexts });

/**
 * The committee's progress report over a period (this calendar year by default): documents and phases with their
 * agreed paragraphs, threads opened and resolved, participation by group with observers apart, a weekly chart, and
 * the report to download in Word or HTML. The period is kept in the address, so a report can be linked to.
 */
export function ReportsScreen() {
  const { t, i18n } = useTranslation('reports');
  const language = asLanguage(i18n.language);
  useDocumentTitle(t('title'));
  const [today] = useState(() => todayUtc());
  const [period, setPeriod] = useState<ReportPeriod>(() => periodFromQuery(window.location.search) ?? presetPeriod('this-year', today));
  const [report, setReport] = useState<ProgressReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (wanted: ReportPeriod) => {
    setError(null);
    try {
      setReport(await getProgressReport(wanted));
    } catch (caught) {
      setReport(null);
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load(period);
  }, [load, period]);

  const change = (next: ReportPeriod) => {
    setPeriod(next);
    navigate(`${paths.reports}?${new URLSearchParams({ from: next.from, to: next.to }).toString()}`, { replace: true });
  };
  const dayFormat = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  const day = (text: string) => dayFormat.format(new Date(`${text}T00:00:00Z`));
  const shown = report !== null && report.period.from === period.from && report.period.to === period.to ? report : null;

  return (
    <section className="screen reports-screen" aria-labelledby="reports-title">
      <header className="screen__heading">
        <h1 id="reports-title" tabIndex={-1}>
          {t('title')}
        </h1>
      </header>
      <p className="screen__intro">{t('intro')}</p>
      <ReportPeriodForm period={period} today={today} onChange={change} />
      {error !== null && (
        <div className="stack">
          <ErrorNotice error={error} />
          <Button onClick={() => void load(period)}>{t('retry')}</Button>
        </div>
      )}
      <div aria-live="polite" aria-busy={shown === null && error === null}>
        {shown === null ? (
          error === null && (
            <p className="muted" role="status">
              {t('loading')}
            </p>
          )
        ) : (
          <p className="reports-screen__period" data-testid="report-period">
            {t('periodShown', { from: day(shown.period.from), to: day(shown.period.to) })}
          </p>
        )}
      </div>
      {shown !== null && (
        <>
          <ReportDownloads period={shown.period} />
          <section className="reports-screen__section" aria-labelledby="report-documents-title">
            <h2 id="report-documents-title">{t('documents.title')}</h2>
            <DocumentsTable report={shown} />
            <p className="muted">{t('documents.note')}</p>
          </section>
          <section className="reports-screen__section" aria-labelledby="report-threads-title">
            <h2 id="report-threads-title">{t('threads.title')}</h2>
            <ThreadFigures report={shown} />
          </section>
          <section className="reports-screen__section" aria-labelledby="report-participation-title">
            <h2 id="report-participation-title">{t('participation.title')}</h2>
            <ParticipationTable report={shown} />
            <ParticipationChart report={shown} />
          </section>
        </>
      )}
    </section>
  );
}
