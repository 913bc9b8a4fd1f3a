import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPeriod } from '@concord/shared';
import { Button } from '../components/Button.tsx';
import { Field } from '../components/Field.tsx';
import { periodPresets, periodProblem, presetOf, presetPeriod, type PeriodProblem } from './reportPeriods.ts';

export interface ReportPeriodFormProps {
  period: ReportPeriod;
  today: string;
  onChange: (period: ReportPeriod) => void;
}

/** The period of the report: one of the presets in a click, or two days typed or picked, both included. */
export function ReportPeriodForm({ period, today, onChange }: ReportPeriodFormProps) {
  const { t } = useTranslation('reports');
  const [draft, setDraft] = useState<ReportPeriod>(period);
  const [problem, setProblem] = useState<PeriodProblem | null>(null);
  const current = presetOf(period, today);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = periodProblem(draft);
    setProblem(found);
    if (found === null) onChange(draft);
  };
  const choose = (next: ReportPeriod) => {
    setDraft(next);
    setProblem(null);
    onChange(next);
  };
  const fromError = problem === 'from-invalid' ? t('period.problems.from-invalid') : null;
  const toError = problem === null || problem === 'from-invalid' ? null : t(`period.problems.${problem}`);

  return (
    <form className="panel report-period" onSubmit={submit} noValidate aria-labelledby="report-period-title">
      <h2 id="report-period-title" className="panel__title">
        {t('period.title')}
      </h2>
      <div className="report-period__presets" role="group" aria-label={t('period.presets')}>
        {periodPresets.map((preset) => (
          <Button key={preset} variant={current === preset ? 'primary' : 'secondary'} aria-pressed={current === preset} onClick={() => choose(presetPeriod(preset, today))}>
            {t(`period.preset.${preset}`)}
          </Button>
        ))}
      </div>
      <div className="form__row report-period__days">
        <Field label={t('period.from')} error={fromError}>
          {(control) => <input {...control} type="date" value={draft.from} max={today} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />}
        </Field>
        <Field label={t('period.to')} error={toError}>
          {(control) => <input {...control} type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />}
        </Field>
        <Button type="submit" className="report-period__submit">
          {t('period.show')}
        </Button>
      </div>
    </form>
  );
}
