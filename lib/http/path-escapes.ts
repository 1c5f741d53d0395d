/** What a broken escape becomes: U+FFFD, the character that stands for undecodable input. */
const REPLACEMENT = encodeURIComponent('\uFFFD');

function decodes(text: string, decode: (text: string) => string): boolean {
  try {
    decode(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A segment Next.js can route: its escapes decode ("%ff" does not), also after next-intl's
 * middleware decoded it once with decodeURI, as it does before it rewrites a page's path
 * ("%25ff" becomes "%ff" there).
 */
function routable(segment: string): boolean {
  return decodes(segment, decodeURIComponent) && decodes(segment, (s) => decodeURIComponent(decodeURI(s)));
}

/**
 * The path with every `%` of a segment that cannot be routed written as U+FFFD's escape, or null
 * when every segment can. Next.js answers such a path with a bare 500; the new one names no page,
 * since no slug or reference holds a `%`, and is answered as any other unknown address.
 */
export function withoutBrokenEscapes(pathname: string): string | null {
  if (!pathname.includes('%')) return null;
  const segments = pathname.split('/');
  if (segments.every(routable)) return null;
  return segments.map((segment) => (routable(segment) ? segment : segment.replaceAll('%', REPLACEMENT))).join('/');
}
