import { notFound } from 'next/navigation';

// A path no page serves, within a language: its not-found page, with the language's layout and the
// not-found title (next-intl's pattern). The title comes from not-found.tsx only when the metadata
// step itself finds nothing; a page that finds nothing only while rendering keeps its own title.
export function generateMetadata(): never {
  notFound();
}

export default function UnknownPath(): never {
  notFound();
}
