import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/i18n/routing';

/** The body of the confirmation and unsubscribe pages: a heading, then an outcome or a question with one button. */
export async function TokenPage({
  title,
  outcome,
  question,
}: {
  title: string;
  /** What happened (or why nothing can), shown instead of the question. */
  outcome?: { text: string; success: boolean };
  question?: { text: string; button: string; token: string; locale: Locale; action: (form: FormData) => Promise<void> };
}) {
  const t = await getTranslations('follow');
  return (
    <div className="container page">
      <h1>{title}</h1>
      {outcome && (
        <p className={`notice ${outcome.success ? 'notice--success' : 'notice--error'}`} role="status">
          {outcome.text}
        </p>
      )}
      {question && (
        <form action={question.action}>
          <p>{question.text}</p>
          <input type="hidden" name="token" value={question.token} />
          <input type="hidden" name="locale" value={question.locale} />
          <button type="submit" className="button">
            {question.button}
          </button>
        </form>
      )}
      <p>
        <Link href="/">{t('home')}</Link>
      </p>
    </div>
  );
}
