import { z } from 'zod';

/**
 * The drafting document as Yjs holds it (y-prosemirror's mapping of the editor's ProseMirror document):
 * one Y.XmlFragment named `documentField`; each top-level block is a Y.XmlElement whose nodeName is the node
 * type and whose attributes are the node's attributes; text is Y.XmlText whose formatting attributes are marks
 * (key = mark name, value = the mark's attributes, or null to remove it).
 *
 * The client builds its Tiptap schema from this description and the server refuses any update that leaves it:
 * y-prosemirror deletes what it cannot parse, so one invalid node would make every honest client delete text.
 */
export const documentField = 'default';

export const blockIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'a block id is 6-40 letters, digits, _ or -');

/** Where a paragraph stands in the negotiation. Only chairs change it. */
export const blockStatusSchema = z.enum(['draft', 'agreed-ad-ref', 'agreed']);
export type BlockStatus = z.infer<typeof blockStatusSchema>;

/** Statuses under which nobody may change, delete or move the block until a chair reopens it. */
export const lockedStatuses: ReadonlySet<BlockStatus> = new Set(['agreed-ad-ref', 'agreed']);

/** Preambular paragraphs are labelled PP 1, PP 2...; operative ones 1., 2. ...; plain text has no label. */
export const paragraphRoleSchema = z.enum(['text', 'preambular', 'operative']);
export type ParagraphRole = z.infer<typeof paragraphRoleSchema>;

export type AttributeSpec = z.ZodType;

export interface NodeSpec {
  /** Attributes the node may carry and their values. */
  attributes: Readonly<Record<string, AttributeSpec>>;
  /** Child element node names allowed. */
  children: readonly string[];
  /** Whether the node holds text (a textblock): then its children may be Y.XmlText. */
  text: boolean;
}

export interface DocumentModel {
  /** Node names allowed at the top level, each carrying `id` and `status`. */
  topLevel: readonly string[];
  nodes: Readonly<Record<string, NodeSpec>>;
  /** Mark name to the schema of its attributes (an object). */
  marks: Readonly<Record<string, z.ZodType>>;
}

const blockAttributes = {
  id: blockIdSchema,
  status: blockStatusSchema,
};
const noAttributes = z.object({}).strict();

export const concordDocumentModel: DocumentModel = {
  topLevel: ['paragraph', 'heading', 'bulletList', 'orderedList'],
  nodes: {
    paragraph: {
      attributes: {
        ...blockAttributes,
        role: paragraphRoleSchema,
        /** The paragraph this one is an alternative to ("Alt 1", "Alt 2"), kept next to it. */
        alternativeOf: blockIdSchema.nullable(),
      },
      children: ['hardBreak'],
      text: true,
    },
    heading: { attributes: { ...blockAttributes, level: z.number().int().min(1).max(3) }, children: ['hardBreak'], text: true },
    bulletList: { attributes: blockAttributes, children: ['listItem'], text: false },
    orderedList: {
      attributes: { ...blockAttributes, start: z.number().int().min(0).max(10_000), type: z.enum(['1', 'a', 'A', 'i', 'I']).nullable() },
      children: ['listItem'],
      text: false,
    },
    listItem: { attributes: {}, children: ['paragraph', 'bulletList', 'orderedList'], text: false },
    hardBreak: { attributes: {}, children: [], text: false },
  },
  marks: {
    bold: noAttributes,
    italic: noAttributes,
    underline: noAttributes,
    /** Negotiation brackets: text not yet agreed. */
    bracket: noAttributes,
    /** Anchor of a comment thread (issue 5). */
    comment: z.object({ threadId: z.string().regex(/^[A-Za-z0-9_-]{6,40}$/) }).strict(),
  },
};

/** y-prosemirror stores overlapping marks of one type under `name--hash`: the mark name is the part before `--`. */
export function markNameOfFormatKey(key: string): string {
  const separator = key.indexOf('--');
  return separator === -1 ? key : key.slice(0, separator);
}

/** Why a value cannot be attribute `key` of node `nodeName`, or null when it can. */
export function checkNodeAttribute(model: DocumentModel, nodeName: string, key: string, value: unknown): string | null {
  const node = model.nodes[nodeName];
  if (node === undefined) return `node "${nodeName}" is not in the document schema`;
  const spec = node.attributes[key];
  if (spec === undefined) return `node "${nodeName}" has no attribute "${key}"`;
  return spec.safeParse(value).success ? null : `invalid value for attribute "${key}" of "${nodeName}"`;
}

/** Why a formatting attribute cannot be applied to text, or null when it can (null value = the mark is removed). */
export function checkMark(model: DocumentModel, key: string, value: unknown): string | null {
  const spec = model.marks[markNameOfFormatKey(key)];
  if (spec === undefined) return `mark "${key}" is not in the document schema`;
  if (value === null) return null;
  return spec.safeParse(value).success ? null : `invalid attributes for mark "${key}"`;
}

/** Why `childName` cannot be a child element of `parentName` (null parent = the top level), or null when it can. */
export function checkChild(model: DocumentModel, parentName: string | null, childName: string): string | null {
  if (model.nodes[childName] === undefined) return `node "${childName}" is not in the document schema`;
  if (parentName === null) return model.topLevel.includes(childName) ? null : `node "${childName}" cannot be a top-level block`;
  const parent = model.nodes[parentName];
  if (parent === undefined) return `node "${parentName}" is not in the document schema`;
  return parent.children.includes(childName) ? null : `node "${childName}" cannot be inside "${parentName}"`;
}
