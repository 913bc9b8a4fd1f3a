import { Extension } from '@tiptap/core';
import { paragraphRoleSchema } from '@concord/shared';

/** The top-level block types; each carries `id` (UniqueID) and `status`. */
export const blockTypes = ['paragraph', 'heading', 'bulletList', 'orderedList'] as const;

/**
 * The attributes the document schema gives blocks besides `id` (shared/src/documentModel/documentModel.ts).
 * Status and alternativeOf are not kept on split: Enter at the end of an agreed paragraph makes a draft, not a
 * second agreed paragraph or a second alternative. Pasted HTML never brings a status: pasted text is a draft.
 */
export const BlockAttributes = Extension.create({
  name: 'blockAttributes',

  addGlobalAttributes() {
    return [
      {
        types: [...blockTypes],
        attributes: {
          status: {
            default: 'draft',
            keepOnSplit: false,
            parseHTML: () => 'draft',
            renderHTML: (attributes) => ({ 'data-status': attributes.status }),
          },
        },
      },
      {
        types: ['paragraph'],
        attributes: {
          role: {
            default: 'text',
            keepOnSplit: true,
            parseHTML: (element) => {
              const role = paragraphRoleSchema.safeParse(element.getAttribute('data-role'));
              return role.success ? role.data : 'text';
            },
            renderHTML: (attributes) => ({ 'data-role': attributes.role }),
          },
          alternativeOf: {
            default: null,
            keepOnSplit: false,
            parseHTML: () => null,
            renderHTML: (attributes) => (typeof attributes.alternativeOf === 'string' ? { 'data-alternative-of': attributes.alternativeOf } : {}),
          },
        },
      },
    ];
  },
});
