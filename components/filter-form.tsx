'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useTransition, type ComponentProps } from 'react';

/**
 * A GET form of filters that, once the page's script runs, updates the page in place instead of
 * reloading it: what the page holds in the browser (a map someone loaded, its view) stays. Empty
 * fields are left out of the address. Without script it is the plain form.
 */
export function FilterForm(props: Omit<ComponentProps<'form'>, 'method' | 'onSubmit' | 'ref'>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const ref = useRef<HTMLFormElement>(null);
  // The fields follow the address when it changes without a new page (Back, Forward): they keep
  // what they show otherwise, and would show a filter that is no longer applied.
  useEffect(() => {
    for (const element of ref.current?.elements ?? []) {
      if (!(element instanceof HTMLSelectElement || element instanceof HTMLInputElement) || !element.name || element.type === 'submit') continue;
      const value = searchParams.get(element.name) ?? '';
      if (element instanceof HTMLSelectElement && ![...element.options].some((option) => option.value === value)) element.value = '';
      else element.value = value;
    }
  }, [searchParams]);
  return (
    <form
      {...props}
      ref={ref}
      method="get"
      aria-busy={pending || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        for (const [name, value] of new FormData(event.currentTarget)) {
          if (typeof value === 'string' && value !== '') query.append(name, value);
        }
        const search = query.toString();
        startTransition(() => router.push(search ? `${pathname}?${search}` : pathname, { scroll: false }));
      }}
    />
  );
}
