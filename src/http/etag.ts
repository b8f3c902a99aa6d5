import type { FastifyReply } from 'fastify';

/** Revisions leave the API as strong ETags: `"3"`. */
export function setEtag(reply: FastifyReply, revision: number): FastifyReply {
  return reply.header('etag', `"${revision}"`);
}

/** What an If-Match header asks for: nothing, anything stored (`*`), or one of these revisions. */
export type IfMatch = 'absent' | 'any' | readonly number[];

/**
 * Reads If-Match with the strong comparison RFC 9110 prescribes: a weak tag (`W/"3"`) or a tag that is not
 * one of our revisions matches nothing, so the change is refused rather than applied blindly.
 */
export function readIfMatch(header: string | string[] | undefined): IfMatch {
  if (header === undefined) return 'absent';
  const tags = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tags.length === 0) return 'absent';
  if (tags.includes('*')) return 'any';
  return tags.flatMap((t) => {
    const m = /^"(\d{1,15})"$|^(\d{1,15})$/.exec(t);
    return m ? [Number(m[1] ?? m[2])] : [];
  });
}
