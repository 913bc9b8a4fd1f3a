import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { UniqueID } from '@tiptap/extension-unique-id';
import { BlockAttributes, blockTypes } from './BlockAttributes.ts';
import { Bracket } from './Bracket.ts';
import { CommentAnchor } from './CommentAnchor.ts';
import { createBlockId } from './createBlockId.ts';

/**
 * The extensions that make the editor's schema: exactly the nodes, marks and attributes of the document model
 * (shared/src/documentModel/documentModel.ts), which the server enforces. StarterKit brings paragraph, heading,
 * lists, hard break, bold, italic and underline; everything else it holds is off. Undo comes from Collaboration
 * (one's own changes only), so StarterKit's history is off too; the trailing node would add paragraphs nobody typed.
 */
export function documentExtensions({ assignIds }: { assignIds: boolean }): Extensions {
  return [
    StarterKit.configure({
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      link: false,
      undoRedo: false,
      trailingNode: false,
      heading: { levels: [1, 2, 3] },
    }),
    UniqueID.configure({
      attributeName: 'id',
      types: [...blockTypes],
      generateID: () => createBlockId(),
      // Read-only accounts never write, not even ids (the server would refuse the copy).
      updateDocument: assignIds,
    }),
    BlockAttributes,
    Bracket,
    CommentAnchor,
  ];
}
