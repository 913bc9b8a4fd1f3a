import { Fragment, useMemo } from 'react';
import { linkSegments } from '@concord/shared';

/**
 * A comment's text as text: nothing in it is markup. Explicit http(s) addresses become links (shared links.ts
 * decides which), opened in a new tab without giving it this page.
 */
export function CommentBody({ body }: { body: string }) {
  const segments = useMemo(() => linkSegments(body), [body]);
  return (
    <p className="comment__body">
      {segments.map((segment, index) =>
        segment.kind === 'text' ? (
          <Fragment key={index}>{segment.text}</Fragment>
        ) : (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
            {segment.text}
          </a>
        ),
      )}
    </p>
  );
}
