import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type DocumentMeta, type Flag, type User } from '@concord/shared';
import { getDocument } from '../api/documents.ts';
import { Notice } from '../components/Notice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useCollaborationSession } from '../editor/collaboration/useCollaborationSession.ts';
import { useEditorStrings } from '../editor/useEditorStrings.ts';
import { ChairFlags } from '../positions/compilation/ChairFlags.tsx';
import { CompilationBlock } from '../positions/compilation/CompilationBlock.tsx';
import { BlockPositions } from '../positions/compilation/BlockPositions.tsx';
import { openingWords, type DocumentBlock } from '../positions/compilation/documentBlocks.ts';
import { useDocumentBlocks } from '../positions/compilation/useDocumentBlocks.ts';
import { useCompilationWords } from '../positions/compilation/usePositionWords.ts';
import { flagsOnParagraph, stanceGroups } from '../positions/positionWording.ts';
import { usePositionsStore } from '../positions/usePositionsStore.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/routes.ts';
import '../positions/compilation/compilation.css';

export interface CompilationScreenProps {
  documentId: string;
  user: User;
}

const noSubscription = () => () => undefined;

/**
 * The compilation of positions: the document's paragraphs in order, each with "Proposed by …, supported by …,
 * opposed by …, reservations: …", the explanations, and the flags with their answers; for chairs, every flag first,
 * unanswered on top, with a form to answer. The text comes from the collaboration session (read only) and follows
 * the drafting; positions and flags follow live.
 */
export function CompilationScreen({ documentId, user }: CompilationScreenProps) {
  const { t } = useTranslation('positions');
  const editorStrings = useEditorStrings();
  const words = useCompilationWords();
  const [meta, setMeta] = useState<DocumentMeta | null>(null);
  useEffect(() => {
    let live = true;
    getDocument(documentId).then(
      (document) => live && setMeta(document),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [documentId]);
  useDocumentTitle(meta === null ? t('compilation.title') : `${t('compilation.title')} · ${meta.title}`);

  const session = useCollaborationSession(documentId, user);
  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscription, () => session?.getSnapshot() ?? null);
  const blocks = useDocumentBlocks(snapshot);
  const { store, snapshot: positions } = usePositionsStore(documentId, session);
  const [onlyWithPositions, setOnlyWithPositions] = useState(false);
  const filterId = useId();

  const labelOfBlock = (block: DocumentBlock) => editorStrings.blockLabel(block);
  const byId = new Map((blocks ?? []).flatMap((block) => (block.blockId === null ? [] : [[block.blockId, block] as const])));
  const flagsOf = (blockId: string | null) => (blockId === null ? [] : flagsOnParagraph(positions.flags, blockId));
  const hasSomething = (blockId: string | null) => blockId !== null && (stanceGroups(positions.summaries.get(blockId)).length > 0 || flagsOf(blockId).length > 0);
  const shown = (blocks ?? []).filter((block) => !onlyWithPositions || (block.type === 'paragraph' && hasSomething(block.blockId)));
  // Positions and flags on paragraphs deleted since: kept in the record, listed apart.
  const orphanIds = [...new Set([...positions.summaries.keys(), ...positions.flags.map((flag) => flag.blockId)])].filter((blockId) => !byId.has(blockId) && hasSomething(blockId));
  const onAnswered = (flag: Flag) => store.applyFlag(flag);

  return (
    <section className="compilation" aria-labelledby="compilation-title">
      <header className="screen__heading">
        <div>
          <h1 id="compilation-title" tabIndex={-1}>
            {t('compilation.title')}
          </h1>
          {meta !== null && <p className="compilation__document">{meta.title}</p>}
        </div>
        <Link to={paths.document(documentId)} className="button button--secondary">
          {t('compilation.back')}
        </Link>
      </header>
      <p className="screen__intro">
        {t('compilation.intro')} {t('compilation.live')}
      </p>
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
          shown.map((block, index) => (
            <CompilationBlock
              key={block.blockId ?? `#${index}`}
              block={block}
              label={labelOfBlock(block)}
              summary={block.blockId === null ? undefined : positions.summaries.get(block.blockId)}
              flags={flagsOf(block.blockId)}
              words={words}
            />
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
