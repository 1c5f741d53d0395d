'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTransition, type ComponentProps } from 'react';

/**
 * A GET form of filters that, once the page's script runs, updates the page in place instead of
 * reloading it: what the page holds in the browser (a map someone loaded, its view) stays. Empty
 * fields are left out of the address. Without script it is the plain form.
 */
export function FilterForm(props: Omit<ComponentProps<'form'>, 'method' | 'onSubmit'>) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <form
      {...props}
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
