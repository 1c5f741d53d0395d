// The public map as a widget for the city's website (framed only by allowed origins: proxy.ts).
export { default, generateMetadata } from '../../map/page';
