import ReactMarkdown from 'react-markdown';

/**
 * Renders Markdown written by staff or shipped with the city. Raw HTML in the source is dropped,
 * never interpreted; react-markdown empties unsafe link targets (javascript: …), and a link left
 * without a target is shown as its text, not as a link back to the same page.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose">
      <ReactMarkdown
        skipHtml
        components={{
          a: ({ href, children: text }) => {
            if (!href) return <>{text}</>;
            const external = href && /^https?:\/\//.test(href);
            return (
              <a href={href} {...(external ? { rel: 'noreferrer' } : {})}>
                {text}
              </a>
            );
          },
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
