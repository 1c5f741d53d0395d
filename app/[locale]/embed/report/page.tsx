// The report form as a widget for the city's website (framed only by allowed origins: proxy.ts).
export { default, generateMetadata } from '../../report/page';
