import { getTranslations } from 'next-intl/server';
import { getCityConfig } from '@/lib/city/config';

export async function SiteFooter() {
  const t = await getTranslations('common');
  const city = getCityConfig();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('footerText', { partnership: city.partnership })}</p>
        <p>
          {city.operator.name} · {city.operator.address}
        </p>
      </div>
    </footer>
  );
}
