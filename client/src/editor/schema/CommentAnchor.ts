import { Mark, mergeAttributes } from '@tiptap/core';

/**
 * The anchor of a comment thread (issue 5): the mark carries only the thread id; the thread itself is a server
 * record. Rendered as a class for now. Never parsed from pasted HTML: a pasted anchor would point at a thread
 * that is not about the pasted text.
 */
export const CommentAnchor = Mark.create({
  name: 'comment',
  inclusive: false,
  // Threads may overlap (y-prosemirror then stores each under `comment--<hash>`, which the server accepts).
  excludes: '',

  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: () => null,
        renderHTML: (attributes) => (typeof attributes.threadId === 'string' ? { 'data-thread-id': attributes.threadId } : {}),
      },
    };
  },

  parseHTML() {
    return [];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'comment-anchor' }), 0];
  },
});
