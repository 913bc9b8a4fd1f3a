import { useTranslation } from 'react-i18next';
import type { BlockStatus } from '@concord/shared';
import type { ComparisonEntry } from '@concord/shared/snapshots/compareSchema';
import { listLines, plainText, type Label, type RedlinePiece } from './redlineLayout.ts';
import { RedlineWords } from './RedlineWords.tsx';
import { useLabelText } from './useLabelText.ts';

function Statuses({ statuses }: { statuses: readonly BlockStatus[] }) {
  const { t } = useTranslation('snapshots');
  return (
    <>
      {statuses.map((status) => (
        <span key={status} className={`redline-status redline-status--${status}`}>
          {t(`status.${status}`)}
        </span>
      ))}
    </>
  );
}

function Tag({ piece }: { piece: RedlinePiece }) {
  const { t } = useTranslation('snapshots');
  const labelText = useLabelText();
  const labels = (list: readonly Label[]) => list.map(labelText).join(', ');
  // A heading has a status only in the data: it is named when it changed, never otherwise.
  const heading = (piece.after ?? piece.before)?.kind === 'heading';
  if (heading && piece.from === null && piece.labels.length === 0 && piece.former === null) return null;
  return (
    <p className="redline-entry__tag">
      {piece.labels.length > 0 && (
        <bdi className="redline-entry__label" dir="ltr">
          {labels(piece.labels)}
        </bdi>
      )}
      {piece.former !== null && <span className="redline-entry__former">{t('compare.formerly', { label: labels(piece.former) })}</span>}
      {piece.from === null ? (
        <Statuses statuses={piece.to} />
      ) : (
        <span className="redline-entry__status-change" data-testid="status-change">
          <Statuses statuses={piece.from} />
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> {t('compare.becomes')} </span>
          <Statuses statuses={piece.to} />
        </span>
      )}
    </p>
  );
}

function Text({ piece }: { piece: RedlinePiece }) {
  const { t } = useTranslation('snapshots');
  const block = piece.after ?? piece.before;
  if (block?.kind === 'bulletList' || block?.kind === 'orderedList') {
    const lines = listLines(piece.words, piece.before, piece.after, (index) => t('compare.subparagraph', { letter: String.fromCharCode(96 + (((index - 1) % 26) + 1)) }));
    return (
      <ul className="redline-entry__list">
        {lines.map((line, index) => (
          <li key={index} className={`redline-entry__item redline-entry__item--depth-${Math.min(line.depth, 4)}`} dir="auto">
            {line.op === 'equal' ? <span className="redline-entry__marker">{line.marker}</span> : <RedlineWords words={[{ op: line.op, text: line.marker, bracket: false, part: 'text' }]} />}{' '}
            <RedlineWords words={line.words} />
          </li>
        ))}
      </ul>
    );
  }
  const Element = block?.kind === 'heading' ? 'h4' : 'p';
  return (
    <Element className={`redline-entry__text${block?.kind === 'heading' ? ' redline-entry__text--heading' : ''}`} dir="auto">
      <RedlineWords words={piece.words} />
    </Element>
  );
}

/** The first words of an entry, to name it when it has no label. */
export function openingWordsOf(entry: ComparisonEntry): string {
  const characters = Array.from(plainText(entry.words.filter((word) => word.op !== 'delete')).trim());
  return characters.length <= 40 ? characters.join('') : `${characters.slice(0, 40).join('').trimEnd()}…`;
}

/** One entry of the redline: what happened to the paragraph, its label and status, its words. */
export function RedlineEntry({ entry, pieces }: { entry: ComparisonEntry; pieces: RedlinePiece[] }) {
  const { t } = useTranslation('snapshots');
  return (
    <li className={`redline-entry redline-entry--${entry.kind}${entry.kind === 'unchanged' ? '' : ' redline-entry--changed-any'}`} data-testid="redline-entry" data-kind={entry.kind}>
      <p className="redline-entry__kind">{entry.kind === 'unchanged' ? <span className="visually-hidden">{t('compare.kinds.unchanged')}</span> : t(`compare.kinds.${entry.kind}`)}</p>
      <div className="redline-entry__body">
        {pieces.map((piece, index) => (
          <div key={index} className="redline-entry__piece">
            <Tag piece={piece} />
            <Text piece={piece} />
          </div>
        ))}
      </div>
    </li>
  );
}
