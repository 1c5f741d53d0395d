/**
 * The widget and the city's page talk through window.postMessage: the widget says how tall it
 * is and when it moved to another page; the snippet's script fits the frame to it and scrolls the
 * frame's top into view. No imports: the widget's client code and the admin page both use this.
 */
export const EMBED_MESSAGES = { height: 'sicherheitsportal:height', navigated: 'sicherheitsportal:navigated' } as const;

/** The widgets, with the frame's height before the widget has said its own (or where the city's page runs no scripts). */
export const embedWidgets = [
  { name: 'report', path: '/embed/report', height: 900 },
  { name: 'map', path: '/embed/map', height: 700 },
] as const;

/** The tallest a frame is made: a page of reasonable length, whatever a message claims. */
const MAX_HEIGHT = 20_000;

/**
 * What an admin pastes into the city's page: the frame, and a short script that fits the frame to
 * the widget's height and, after the widget moved on (the report's confirmation), scrolls its top
 * into view. It listens only to messages from the portal's origin and from its own frames. A page
 * whose Content-Security-Policy forbids inline scripts keeps the frame at `height`.
 */
export function embedSnippet(origin: string, widget: { path: string; height: number }, title: string): string {
  const frame = `<iframe src="${origin}${widget.path}" title="${title}" width="100%" height="${widget.height}" style="border:0" loading="lazy" allow="geolocation"></iframe>`;
  const script =
    `<script>addEventListener("message",function(e){var d=e.data;if(e.origin!=="${origin}"||!d||typeof d.type!=="string")return;` +
    `document.querySelectorAll('iframe[src^="${origin}/"]').forEach(function(f){if(f.contentWindow!==e.source)return;` +
    `if(d.type==="${EMBED_MESSAGES.height}"&&d.height>0)f.style.height=Math.min(Math.ceil(d.height),${MAX_HEIGHT})+"px";` +
    `if(d.type==="${EMBED_MESSAGES.navigated}"&&f.getBoundingClientRect().top<0)f.scrollIntoView();});});</script>`;
  return `${frame}\n${script}`;
}
