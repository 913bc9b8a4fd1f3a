import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { RedlineWord } from '@concord/shared/snapshots/compareSchema';
import { segmentsOf, type RedlineSegment } from './redlineLayout.ts';

/** Text with its line breaks as <br>: always React text, never markup. */
function TextWithBreaks({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </>
  );
}

function Segment({ segment }: { segment: RedlineSegment }) {
  const { t } = useTranslation('snapshots');
  const isSign = segment.part === 'break' || segment.part === 'item';
  if (isSign && segment.op === 'equal') return null;
  const content = isSign ? '¶' : segment.part === 'text' ? <TextWithBreaks text={segment.text} /> : segment.text;
  const className = [segment.part === 'open' || segment.part === 'close' ? 'redline__bracket' : '', segment.bracket && segment.part === 'text' ? 'redline__bracketed' : '', isSign ? 'redline__pilcrow' : '']
    .filter((name) => name !== '')
    .join(' ');
  const title = isSign ? t('compare.paragraphBreak') : undefined;
  // Screen readers do not announce <del> and <ins> by themselves: the change is said in words, once per stretch.
  if (segment.op === 'delete')
    return (
      <del className={className || undefined} title={title}>
        <span className="visually-hidden">{t('compare.srDeleted')} </span>
        {content}
        <span className="visually-hidden"> {t('compare.srEnd')}</span>
      </del>
    );
  if (segment.op === 'insert')
    return (
      <ins className={className || undefined} title={title}>
        <span className="visually-hidden">{t('compare.srInserted')} </span>
        {content}
        <span className="visually-hidden"> {t('compare.srEnd')}</span>
      </ins>
    );
  return className === '' ? <>{content}</> : <span className={className}>{content}</span>;
}

/** Words of a redline: deletions struck through, insertions underlined, bracketed text shaded. */
export function RedlineWords({ words }: { words: readonly RedlineWord[] }) {
  return (
    <>
      {segmentsOf(words).map((segment, index) => (
        <Segment key={index} segment={segment} />
      ))}
    </>
  );
}
