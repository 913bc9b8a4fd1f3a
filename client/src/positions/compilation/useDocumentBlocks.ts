import { useEffect, useState } from 'react';
import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { documentField } from '@concord/shared';
import type { CollaborationSnapshot } from '../../editor/collaboration/CollaborationSnapshot.ts';
import { documentExtensions } from '../../editor/schema/documentExtensions.ts';
import { documentBlocks, type DocumentBlock } from './documentBlocks.ts';

const schema = getSchema(documentExtensions({ assignIds: false }));
/** Others keep typing: the compilation follows the text, at most twice a second. */
const settleMs = 500;

/**
 * The document's blocks read from the collaboration session's Yjs document (read only: nothing is ever written to
 * it), kept up to date as the text changes; null until the session has content.
 */
export function useDocumentBlocks(snapshot: CollaborationSnapshot | null): DocumentBlock[] | null {
  const [blocks, setBlocks] = useState<DocumentBlock[] | null>(null);
  const doc = snapshot?.ready === true ? snapshot.doc : null;
  useEffect(() => {
    if (doc === null) return;
    const fragment = doc.getXmlFragment(documentField);
    let timer: number | undefined;
    const read = () => {
      timer = undefined;
      setBlocks(documentBlocks(yXmlFragmentToProseMirrorRootNode(fragment, schema)));
    };
    const soon = () => {
      if (timer === undefined) timer = window.setTimeout(read, settleMs);
    };
    read();
    fragment.observeDeep(soon);
    return () => {
      fragment.unobserveDeep(soon);
      window.clearTimeout(timer);
    };
  }, [doc]);
  return blocks;
}
