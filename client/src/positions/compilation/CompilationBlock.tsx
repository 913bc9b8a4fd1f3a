import { useTranslation } from 'react-i18next';
import type { Flag, PositionSummary } from '@concord/shared';
import { BlockPositions } from './BlockPositions.tsx';
import type { DocumentBlock } from './documentBlocks.ts';
import type { CompilationWords } from './usePositionWords.ts';

export interface CompilationBlockProps {
  block: DocumentBlock;
  /** "PP 2", "1. Alt 1", or "" */
  label: string;
  summary: PositionSummary | undefined;
  flags: readonly Flag[];
  words: CompilationWords;
}

/** One block of the compilation: a heading as a heading; a paragraph with its label, status, text, positions and flags. */
export function CompilationBlock({ block, label, summary, flags, words }: CompilationBlockProps) {
  const { t } = useTranslation('positions');
  const { t: tEditor } = useTranslation('editor');
  if (block.type === 'heading') {
    const Heading = (block.level ?? 1) >= 2 ? 'h4' : 'h3';
    return (
      <Heading className="compilation-block__heading" dir="auto">
        {block.text}
      </Heading>
    );
  }
  const isParagraph = block.type === 'paragraph';
  return (
    <article className={`compilation-block compilation-block--${block.status}`} id={`paragraph-${block.blockId}`}>
      <p className="compilation-block__meta">
        <span className="compilation-block__label">{label === '' ? t('compilation.unlabelled') : label}</span>
        <span className="compilation-block__status">{tEditor(`status.${block.status}`)}</span>
      </p>
      {block.text.trim() === '' ? (
        <p className="compilation-block__text compilation-block__text--empty">{t('compilation.emptyParagraph')}</p>
      ) : (
        <p className="compilation-block__text" dir="auto">
          {block.text}
        </p>
      )}
      {isParagraph && <BlockPositions summary={summary} flags={flags} words={words} />}
    </article>
  );
}
