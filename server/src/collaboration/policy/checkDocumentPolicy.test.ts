import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { concordDocumentModel, documentField, type Actor } from '@concord/shared';
import { inspectUpdate, type UpdateLimits } from '../guard/inspectUpdate.ts';
import { checkDocumentPolicy, type PolicyVerdict } from './checkDocumentPolicy.ts';

const limits: UpdateLimits = { maxStructs: 10_000, maxClients: 64, maxDeleteRanges: 10_000, maxAnyDepth: 16, maxClockAdvance: 1 << 24 };
const delegate: Actor = { role: 'delegate', disabled: false };
const chair: Actor = { role: 'chair', disabled: false };
const observer: Actor = { role: 'observer', disabled: false };

/** A paragraph as y-prosemirror writes it: an element with attributes and one text child. */
function paragraph(id: string | null, status: string, text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  if (id !== null) element.setAttribute('id', id);
  element.setAttribute('status', status);
  element.setAttribute('role', 'operative');
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  return element;
}

/** The server's document: three paragraphs, the second agreed. */
function serverDocument(): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(documentField).insert(0, [
    paragraph('para-one', 'draft', 'Calls upon the nuclear-weapon States'),
    paragraph('para-two', 'agreed', 'Reaffirms the Treaty'),
    paragraph('para-three', 'agreed-ad-ref', 'Welcomes the declarations'),
  ]);
  return doc;
}

/** Runs `edit` on a replica of `server` and checks the resulting update against the server's document. */
function verdictOf(actor: Actor, edit: (fragment: Y.XmlFragment, replica: Y.Doc) => void, server = serverDocument()): PolicyVerdict {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
  edit(replica.getXmlFragment(documentField), replica);
  const update = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server));
  const inspection = inspectUpdate(server, update, limits);
  if (!inspection.ok) throw new Error(`inspection refused: ${inspection.reason} ${inspection.detail}`);
  return checkDocumentPolicy(server, inspection, actor, concordDocumentModel);
}

const block = (fragment: Y.XmlFragment, index: number) => fragment.get(index) as Y.XmlElement;
const textOf = (fragment: Y.XmlFragment, index: number) => block(fragment, index).get(0) as Y.XmlText;
const reasonOf = (verdict: PolicyVerdict) => (verdict.ok ? 'ok' : verdict.reason);

describe('checkDocumentPolicy: agreed paragraphs', () => {
  it('lets a delegate edit a draft paragraph', () => {
    expect(reasonOf(verdictOf(delegate, (fragment) => textOf(fragment, 0).insert(5, ' all')))).toBe('ok');
  });

  it.each([
    ['inserting text', (fragment: Y.XmlFragment) => textOf(fragment, 1).insert(3, 'not ')],
    ['deleting text', (fragment: Y.XmlFragment) => textOf(fragment, 1).delete(0, 4)],
    ['formatting text', (fragment: Y.XmlFragment) => textOf(fragment, 1).format(0, 8, { bold: {} })],
    ['setting an attribute', (fragment: Y.XmlFragment) => block(fragment, 1).setAttribute('role', 'preambular')],
    ['deleting the paragraph', (fragment: Y.XmlFragment) => fragment.delete(1, 1)],
    [
      'moving the paragraph',
      (fragment: Y.XmlFragment) => {
        fragment.delete(1, 1);
        fragment.insert(2, [paragraph('para-two', 'agreed', 'Reaffirms the Treaty')]);
      },
    ],
    ['inserting text in a paragraph agreed ad referendum', (fragment: Y.XmlFragment) => textOf(fragment, 2).insert(0, 'Warmly ')],
  ])('refuses %s inside an agreed paragraph, even from a chair', (_case, edit) => {
    expect(reasonOf(verdictOf(delegate, edit))).toBe('locked-block');
    expect(reasonOf(verdictOf(chair, edit))).toBe('locked-block');
  });

  it('lets a chair reopen an agreed paragraph and reports the change', () => {
    const verdict = verdictOf(chair, (fragment) => block(fragment, 1).setAttribute('status', 'draft'));
    expect(verdict).toEqual({ ok: true, statusChanges: [{ blockId: 'para-two', from: 'agreed', to: 'draft' }] });
  });

  it('refuses a status change and an edit in one update from a chair', () => {
    const verdict = verdictOf(chair, (fragment, replica) =>
      replica.transact(() => {
        block(fragment, 1).setAttribute('status', 'draft');
        textOf(fragment, 1).insert(0, 'Strongly ');
      }),
    );
    expect(reasonOf(verdict)).toBe('locked-block');
  });

  it('lets anyone who edits insert a paragraph next to an agreed one', () => {
    expect(reasonOf(verdictOf(delegate, (fragment) => fragment.insert(2, [paragraph('para-new', 'draft', 'Requests')])))).toBe('ok');
  });
});

describe('checkDocumentPolicy: statuses, ids and roles', () => {
  it('refuses a status change from a delegate', () => {
    expect(reasonOf(verdictOf(delegate, (fragment) => block(fragment, 0).setAttribute('status', 'agreed')))).toBe('status-forbidden');
  });

  it('lets a chair agree a draft paragraph', () => {
    const verdict = verdictOf(chair, (fragment) => block(fragment, 0).setAttribute('status', 'agreed'));
    expect(verdict).toEqual({ ok: true, statusChanges: [{ blockId: 'para-one', from: 'draft', to: 'agreed' }] });
  });

  it('refuses a new paragraph a delegate marks agreed, and accepts it from a chair', () => {
    const insert = (fragment: Y.XmlFragment) => fragment.insert(0, [paragraph('para-new', 'agreed', 'Decides')]);
    expect(reasonOf(verdictOf(delegate, insert))).toBe('status-forbidden');
    expect(reasonOf(verdictOf(chair, insert))).toBe('ok');
  });

  it('refuses a new paragraph without an id or with an id already used', () => {
    expect(reasonOf(verdictOf(delegate, (fragment) => fragment.insert(0, [paragraph(null, 'draft', 'Decides')])))).toBe('block-id');
    expect(reasonOf(verdictOf(delegate, (fragment) => fragment.insert(0, [paragraph('para-one', 'draft', 'Decides')])))).toBe('block-id');
  });

  it('refuses changing the id of an existing paragraph', () => {
    expect(reasonOf(verdictOf(delegate, (fragment) => block(fragment, 0).setAttribute('id', 'para-other')))).toBe('block-id');
  });

  it('lets a paragraph made before ids receive one', () => {
    const server = new Y.Doc();
    server.getXmlFragment(documentField).insert(0, [paragraph(null, 'draft', 'Old text')]);
    expect(reasonOf(verdictOf(delegate, (fragment) => block(fragment, 0).setAttribute('id', 'para-given'), server))).toBe('ok');
  });

  it('refuses any change from an account that cannot edit', () => {
    expect(reasonOf(verdictOf(observer, (fragment) => textOf(fragment, 0).insert(0, 'x')))).toBe('read-only');
    expect(reasonOf(verdictOf(observer, (fragment) => fragment.insert(0, [paragraph('para-new', 'draft', 'x')])))).toBe('read-only');
  });
});

describe('checkDocumentPolicy: document schema', () => {
  it.each([
    ['an unknown node', (fragment: Y.XmlFragment) => fragment.insert(0, [new Y.XmlElement('script')])],
    ['a list item at the top level', (fragment: Y.XmlFragment) => fragment.insert(0, [new Y.XmlElement('listItem')])],
    ['a paragraph inside a paragraph', (fragment: Y.XmlFragment) => block(fragment, 0).insert(1, [new Y.XmlElement('paragraph')])],
    ['an unknown mark', (fragment: Y.XmlFragment) => textOf(fragment, 0).format(0, 4, { blink: {} })],
    ['a mark with attributes it does not take', (fragment: Y.XmlFragment) => textOf(fragment, 0).format(0, 4, { bold: { href: 'javascript:alert(1)' } })],
    ['an unknown attribute', (fragment: Y.XmlFragment) => block(fragment, 0).setAttribute('onclick', 'alert(1)')],
    ['an invalid status', (fragment: Y.XmlFragment) => block(fragment, 0).setAttribute('status', 'final')],
    ['an embed in text', (fragment: Y.XmlFragment) => textOf(fragment, 0).insertEmbed(0, { image: 'x' })],
    ['a map in the document', (fragment: Y.XmlFragment) => block(fragment, 0).insert(0, [new Y.XmlHook('hook') as unknown as Y.XmlElement])],
    ['another root type', (_fragment: Y.XmlFragment, replica: Y.Doc) => replica.getMap('extra').set('key', 'value')],
  ])('refuses %s', (_case, edit) => {
    expect(reasonOf(verdictOf(chair, edit))).toBe('schema-violation');
  });

  it('accepts the marks and nodes of the schema', () => {
    const verdict = verdictOf(delegate, (fragment, replica) =>
      replica.transact(() => {
        textOf(fragment, 0).format(0, 5, { bracket: {}, italic: {} });
        textOf(fragment, 0).format(6, 3, { comment: { threadId: 'thread-1' } });
        const list = new Y.XmlElement('bulletList');
        list.setAttribute('id', 'list-one');
        list.setAttribute('status', 'draft');
        const item = new Y.XmlElement('listItem');
        item.insert(0, [paragraph('para-in-list', 'draft', 'an option')]);
        list.insert(0, [item]);
        fragment.insert(3, [list]);
      }),
    );
    expect(reasonOf(verdict)).toBe('ok');
  });
});

describe('checkDocumentPolicy: moves', () => {
  it('lets a delegate move a draft paragraph (deleted and inserted again with its id)', () => {
    const verdict = verdictOf(delegate, (fragment, replica) =>
      replica.transact(() => {
        fragment.delete(0, 1);
        fragment.insert(2, [paragraph('para-one', 'draft', 'Calls upon the nuclear-weapon States')]);
      }),
    );
    expect(reasonOf(verdict)).toBe('ok');
  });
});
