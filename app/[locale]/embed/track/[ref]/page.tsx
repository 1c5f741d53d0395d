// Where the widget's report form leads after submitting: the tracking page, still frameable.
export { default, generateMetadata } from '../../../track/[ref]/page';
