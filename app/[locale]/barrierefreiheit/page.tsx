import { contentPage } from '@/components/content/content-page';

export const dynamic = 'force-dynamic';

const { generateMetadata, ContentPageView } = contentPage('barrierefreiheit');
export { generateMetadata };
export default ContentPageView;
