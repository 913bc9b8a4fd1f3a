import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Flag, type User } from '@concord/shared';
import { Button } from '../components/Button.tsx';
import { Notice } from '../components/Notice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useEditorStrings } from '../editor/useEditorStrings.ts';
import { BlockPositions } from '../positions/compilation/BlockPositions.tsx';
import { ChairFlags } from '../positions/compilation/ChairFlags.tsx';
import { CompilationBlock } from '../positions/compilation/CompilationBlock.tsx';
import { documentBlocks, openingWords, type DocumentBlock } from '../positions/compilation/documentBlocks.ts';
import { useDocumentContent } from '../positions/compilation/useDocumentContent.ts';
import { useCompilationWords } from '../positions/compilation/usePositionWords.ts';
import { useRefreshSchedule } from '../positions/compilation/useRefreshSchedule.ts';
import { flagsOnParagraph, stanceGroups } from '../positions/positionWording.ts';
import { usePositionsStore } from '../positions/usePositionsStore.ts';
import '../positions/compilation/compilation.css';
import { addNamespaces } from '../i18n/namespaces.ts';
import { positionsTexts } from '../positions/i18n/texts.ts';
import { editorTexts } from '../editor/i18n/texts.ts';

// This screen's texts come with its code, not in the first download.
addNamespaces({ positions: positionsTexts, editor: editorTexts });

export interface CompilationScreenProps {
  documentId: string;
  user: User;
}

/**
 * The compilation of positions: the document's paragraphs in order, each with "Proposed by …, supported by …,
 * opposed by …, reservations: …", the explanations, and the flags with their answers; for chairs, every flag first,
 * unanswered on top, with a form to answer. Everything is read over HTTP (the stored text from the content route,
 * positions and flags from their routes), again every minute, when the window gets the focus back, or on demand:
 * reading the compilation opens no collaboration session, so the reader does not appear in the drafting room.
 */
export function CompilationScreen({ documentId, user }: CompilationScreenProps) {
  const { t } = useTranslation('positions');
  const editorStrings = useEditorStrings();
  const words = useCompilationWords();
  const stored = useDocumentContent(documentId);
  const { store, snapshot: positions } = usePositionsStore(documentId, null);
  const refreshContent = stored.refresh;
  const refresh = useCallback(() => {
    refreshContent();
    void store.refresh();
  }, [refreshContent, store]);
  useRefreshSchedule(refresh);
  const title = stored.content?.title ?? null;
  useDocumentTitle(title === null ? t('compilation.title') : `${t('compilation.title')} · ${title}`);
  const [onlyWithPositions, setOnlyWithPositions] = useState(false);
  const filterId = useId();

  const blocks = stored.content === null ? null : documentBlocks(stored.content);
  const labelOfBlock = (block: DocumentBlock) => editorStrings.blockLabel(block);
  const byId = new Map((blocks ?? []).map((block) => [block.blockId, block] as const));
  const flagsOf = (blockId: string) => flagsOnParagraph(positions.flags, blockId);
  const hasSomething = (blockId: string) => stanceGroups(positions.summaries.get(blockId)).length > 0 || flagsOf(blockId).length > 0;
  const shown = (blocks ?? []).filter((block) => !onlyWithPositions || (block.type === 'paragraph' && hasSomething(block.blockId)));
  // Positions and flags on paragraphs deleted since: kept in the record, listed apart.
  const orphanIds = [...new Set([...positions.summaries.keys(), ...positions.flags.map((flag) => flag.blockId)])].filter((blockId) => !byId.has(blockId) && hasSomething(blockId));
  const onAnswered = (flag: Flag) => store.applyFlag(flag);
  const fetchedAt = stored.fetchedAt === null ? null : new Intl.DateTimeFormat(words.language, { hour: '2-digit', minute: '2-digit' }).format(stored.fetchedAt);

  return (
    <section className="compilation" aria-labelledby="compilation-title">
      <header className="screen__heading">
        <div>
          <h1 id="compilation-title" tabIndex={-1}>
            {t('compilation.title')}
          </h1>
          {title !== null && <p className="compilation__document">{title}</p>}
        </div>
      </header>
      <div className="compilation__refresh">
        <p className="screen__intro">
          {t('compilation.intro')} {t('compilation.refreshed')}
        </p>
        <p className="compilation__refreshed" role="status">
          {fetchedAt !== null && t('compilation.fetchedAt', { time: fetchedAt })}
        </p>
        <Button variant="secondary" onClick={refresh} data-testid="compilation-refresh">
          {t('compilation.refresh')}
        </Button>
      </div>
      {stored.error !== null && <Notice tone="error">{t('compilation.textFailed')}</Notice>}
      {positions.error !== null && <Notice tone="error">{t('compilation.positionsFailed')}</Notice>}

      {can(user, 'document.moderate') && positions.loaded && (
        <ChairFlags
          flags={positions.flags}
          labelOf={(blockId) => {
            const block = byId.get(blockId);
            if (block === undefined) return null;
            const label = labelOfBlock(block);
            if (label !== '') return label;
            return block.text.trim() === '' ? t('compilation.emptyParagraph') : t('compilation.quoted', { words: openingWords(block.text) });
          }}
          inText={(blockId) => byId.has(blockId)}
          onAnswered={onAnswered}
          words={words}
        />
      )}

      <section className="compilation__paragraphs" aria-labelledby="compilation-paragraphs">
        <div className="compilation__toolbar">
          <h2 id="compilation-paragraphs">{t('compilation.paragraphs')}</h2>
          <label className="compilation__filter" htmlFor={filterId}>
            <input id={filterId} type="checkbox" checked={onlyWithPositions} onChange={(event) => setOnlyWithPositions(event.target.checked)} />
            {t('compilation.onlyWithPositions')}
          </label>
        </div>
        {blocks === null ? (
          <p className="muted" role="status">
            {t('compilation.loadingText')}
          </p>
        ) : !positions.loaded ? (
          <p className="muted" role="status">
            {t('compilation.loadingPositions')}
          </p>
        ) : shown.length === 0 ? (
          <p className="muted">{t('compilation.nothingYet')}</p>
        ) : (
          shown.map((block) => (
            <CompilationBlock key={block.blockId} block={block} label={labelOfBlock(block)} summary={positions.summaries.get(block.blockId)} flags={flagsOf(block.blockId)} words={words} />
          ))
        )}
        {positions.loaded &&
          orphanIds.map((blockId) => (
            <article key={blockId} className="compilation-block compilation-block--deleted">
              <p className="compilation-block__meta">
                <span className="compilation-block__label">{t('compilation.deleted')}</span>
              </p>
              <BlockPositions summary={positions.summaries.get(blockId)} flags={flagsOf(blockId)} words={words} />
            </article>
          ))}
      </section>
    </section>
  );
}
