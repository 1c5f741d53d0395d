// A reference that names no report, in the widget: the same answer as on the portal.
export { default, generateMetadata } from '../../../track/[ref]/not-found';
