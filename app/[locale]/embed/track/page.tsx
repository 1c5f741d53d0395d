// The tracking form in the widget: its answers stay under /embed (components/report/track-form.tsx).
export { default, generateMetadata } from '../../track/page';
