import ReactMarkdown from 'react-markdown';

/**
 * Renders Markdown written by staff or shipped with the city. Raw HTML in the source is dropped,
 * never interpreted; unsafe link targets (javascript: …) are removed by react-markdown.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose">
      <ReactMarkdown
        skipHtml
        components={{
          a: ({ href, children: text }) => {
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
